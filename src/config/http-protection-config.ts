import { Transform } from 'class-transformer';
import { IsInt, IsString, Max, Min } from 'class-validator';
import { ConfigurationError } from './app-config-error';

/** What guards the HTTP API from browsers and busy clients: the origins CORS admits and the per-key request budget. */
export interface HttpProtectionConfig {
  /** Exact origins (scheme://host[:port]) whose pages may call the API; empty = no CORS headers at all. */
  corsOrigins: string[];
  /** Requests one API key may make per minute, across every API process. */
  apiKeyRequestsPerMinute: number;
}

const toInt = ({ value }: { value: unknown }) => (typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : value);

/**
 * The variables HttpProtectionConfig reads; EnvironmentVariables extends this class, so they are
 * validated with every other variable and documented in config/.env.example like them.
 */
export class HttpProtectionVariables {
  /** Comma-separated exact origins; parsed (and each one checked) by loadHttpProtectionConfig. */
  @IsString({ message: 'CORS_ORIGINS must be comma-separated origins such as https://app.example.com' })
  CORS_ORIGINS = '';

  @Transform(toInt)
  @IsInt({ message: 'API_KEY_RATE_LIMIT_PER_MINUTE must be an integer between 1 and 1000000' })
  @Min(1, { message: 'API_KEY_RATE_LIMIT_PER_MINUTE must be an integer between 1 and 1000000' })
  @Max(1000000, { message: 'API_KEY_RATE_LIMIT_PER_MINUTE must be an integer between 1 and 1000000' })
  API_KEY_RATE_LIMIT_PER_MINUTE = 1000;
}

/**
 * "https://app.example.com, http://localhost:5173" -> both origins. Each entry must be an origin
 * exactly as a browser sends it in the Origin header (lower-case scheme and host, no path, no
 * trailing slash, no default port), because the comparison is exact: an entry a browser can
 * never send would silently admit nobody. A wildcard is refused: the API is called with bearer
 * keys, and admitting every site's pages is a decision to spell out, not a default.
 */
export function parseCorsOrigins(spec: string): string[] {
  const entries = spec.split(',').map((entry) => entry.trim()).filter(Boolean);
  for (const entry of entries) {
    if (!isExactOrigin(entry)) {
      throw new ConfigurationError(
        `Invalid configuration: CORS_ORIGINS entries must be exact origins such as https://app.example.com (scheme, host and port only, no path, no wildcard) (got "${entry}")`,
      );
    }
  }
  return [...new Set(entries)];
}

function isExactOrigin(entry: string): boolean {
  let url: URL;
  try {
    url = new URL(entry);
  } catch {
    return false;
  }
  // WHATWG URL accepts `*` in a host name, so a wildcard pattern would otherwise pass as a literal origin.
  return (url.protocol === 'http:' || url.protocol === 'https:') && url.origin === entry && !url.hostname.includes('*');
}

export function loadHttpProtectionConfig(vars: HttpProtectionVariables): HttpProtectionConfig {
  return { corsOrigins: parseCorsOrigins(vars.CORS_ORIGINS), apiKeyRequestsPerMinute: vars.API_KEY_RATE_LIMIT_PER_MINUTE };
}
