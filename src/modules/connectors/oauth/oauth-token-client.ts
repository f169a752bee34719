import { Injectable } from '@nestjs/common';
import { ConnectorError } from '../connector-error';
import type { ErrorRefiner } from '../http/provider-http-client';
import { ProviderHttpClient } from '../http/provider-http-client';

export interface OAuthClientCredentials {
  clientId: string;
  clientSecret: string;
}

export interface TokenGrant {
  accessToken: string;
  /** Absent when the provider keeps the previous refresh token valid (callers keep the old one). */
  refreshToken?: string;
  tokenType?: string;
  expiresAt: Date | null;
  scopes?: string[];
}

/** Error codes that mean the grant itself is dead: only the user can authorize again. */
const DEAD_GRANT = new Set(['invalid_grant', 'invalid_refresh_token', 'invalid_code', 'token_revoked', 'token_expired', 'refresh_token_expired']);

/**
 * RFC 6749 error bodies, and the `{ ok: false, error }` shape some providers answer with a 200.
 * Only the error code is kept: descriptions are provider prose and may echo request fields.
 */
export function refineTokenError(status: number, body: unknown): ReturnType<ErrorRefiner> {
  const code = typeof body === 'object' && body !== null ? (body as { error?: unknown }).error : undefined;
  const failedInBody = status < 400 && (body as { ok?: unknown } | undefined)?.ok === false;
  if (typeof code !== 'string' || (status < 400 && !failedInBody)) return undefined;
  if (DEAD_GRANT.has(code)) return { category: 'REAUTH_REQUIRED', message: `token endpoint refused the grant (${code})` };
  if (code === 'invalid_client' || code === 'unauthorized_client') {
    return { category: 'PERMISSION_DENIED', message: `token endpoint refused this deployment's OAuth client (${code}); check the connector's CLIENT_ID and CLIENT_SECRET` };
  }
  return { category: status >= 500 ? 'PROVIDER_UNAVAILABLE' : 'INVALID_INPUT', message: `token endpoint answered ${code}` };
}

/**
 * The token endpoint of an OAuth2 provider (RFC 6749 §4.1.3 and §6): form POST, client
 * credentials in the body (client_secret_post, the method most providers accept). Through the
 * shared provider client for timeouts and error categories; never retried, because codes are
 * single-use and many providers rotate refresh tokens on use.
 */
export type ClientAuthentication = 'body' | 'basic';

@Injectable()
export class OAuthTokenClient {
  exchangeCode(
    connector: string,
    tokenUrl: string,
    client: OAuthClientCredentials,
    params: { code: string; redirectUri: string; codeVerifier?: string },
    clientAuthentication: ClientAuthentication = 'body',
  ): Promise<TokenGrant> {
    return this.post(connector, tokenUrl, client, clientAuthentication, {
      grant_type: 'authorization_code',
      code: params.code,
      redirect_uri: params.redirectUri,
      ...(params.codeVerifier ? { code_verifier: params.codeVerifier } : {}),
    });
  }

  refresh(connector: string, tokenUrl: string, client: OAuthClientCredentials, refreshToken: string, clientAuthentication: ClientAuthentication = 'body'): Promise<TokenGrant> {
    return this.post(connector, tokenUrl, client, clientAuthentication, { grant_type: 'refresh_token', refresh_token: refreshToken });
  }

  /** client_secret_post by default; client_secret_basic (RFC 6749 §2.3.1) for providers that require it. */
  private async post(connector: string, tokenUrl: string, client: OAuthClientCredentials, auth: ClientAuthentication, grant: Record<string, string>): Promise<TokenGrant> {
    const url = new URL(tokenUrl);
    const http = new ProviderHttpClient(url.origin, `${connector} oauth`, refineTokenError);
    const basic = `Basic ${Buffer.from(`${encodeURIComponent(client.clientId)}:${encodeURIComponent(client.clientSecret)}`).toString('base64')}`;
    const form = auth === 'basic' ? grant : { ...grant, client_id: client.clientId, client_secret: client.clientSecret };
    const headers = auth === 'basic' ? { authorization: basic } : undefined;
    const { body } = await http.request<Record<string, unknown>>({ method: 'POST', path: url.pathname, query: Object.fromEntries(url.searchParams), form, headers });
    return parseGrant(connector, body);
  }
}

export function parseGrant(connector: string, body: unknown, now = Date.now()): TokenGrant {
  const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  if (typeof b.access_token !== 'string' || !b.access_token) {
    throw new ConnectorError('PROVIDER_UNAVAILABLE', `${connector} oauth: token endpoint answered without an access_token`, { requestSent: true });
  }
  const expiresIn = Number(b.expires_in);
  return {
    accessToken: b.access_token,
    refreshToken: typeof b.refresh_token === 'string' && b.refresh_token ? b.refresh_token : undefined,
    tokenType: typeof b.token_type === 'string' ? b.token_type : undefined,
    expiresAt: Number.isFinite(expiresIn) && expiresIn > 0 ? new Date(now + expiresIn * 1000) : null,
    // RFC 6749 separates scopes by spaces; some providers use commas.
    scopes: typeof b.scope === 'string' ? b.scope.split(/[\s,]+/).filter(Boolean) : undefined,
  };
}
