import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyRequest } from 'fastify';
import type { ProtectionMetrics } from '../modules/metrics/protection-metrics';

/** Methods the API routes use. */
const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'];
/** Request headers a browser client sends beyond the CORS-safelisted ones. */
const ALLOWED_HEADERS = ['Authorization', 'Content-Type', 'Idempotency-Key', 'If-Match', 'If-None-Match', 'X-Request-Id', 'Last-Event-ID'];
/** Response headers a browser client may read beyond the CORS-safelisted ones. */
const EXPOSED_HEADERS = ['X-Request-Id', 'Retry-After', 'ETag', 'Location', 'Idempotent-Replayed', 'Content-Disposition', 'RateLimit-Limit', 'RateLimit-Remaining', 'RateLimit-Reset'];
/** How long a browser may reuse a preflight's answer; Chromium caps it at 2 h anyway. */
const PREFLIGHT_MAX_AGE_SECONDS = 600;

/**
 * CORS for the origins CORS_ORIGINS lists, compared exactly. Without any, nothing is registered:
 * no response carries a CORS header and a preflight is an unknown route (404), so browsers keep
 * other sites' pages out; servers and curl are unaffected either way.
 *
 * An origin not listed gets no CORS header at all (not even the exposed or allowed lists) and its
 * preflight a 404, and it is counted, unless it is the API's own host: a page served here (Swagger
 * UI) sends Origin on its POSTs, and a same-origin request is no refusal. Credentials (cookies) are
 * never allowed: the API authenticates with bearer keys, which a page sends explicitly.
 */
export function useCors(app: NestFastifyApplication, origins: string[], metrics: ProtectionMetrics): void {
  if (origins.length === 0) return;
  const allowed = new Set(origins);
  const options = { methods: METHODS, allowedHeaders: ALLOWED_HEADERS, exposedHeaders: EXPOSED_HEADERS, maxAge: PREFLIGHT_MAX_AGE_SECONDS, credentials: false, strictPreflight: false };
  app.enableCors({
    // Decided per request (not @fastify/cors's origin list) so that a refused origin gets no header at all, and is counted.
    delegator: (request, callback) => {
      const origin = request.headers.origin;
      if (origin && allowed.has(origin)) return callback(null, { ...options, origin });
      if (origin && !isOwnHost(origin, request)) metrics.corsOriginRefused();
      callback(null, { ...options, origin: false });
    },
  });
}

/** The scheme is left out: behind a TLS-terminating proxy the API may see http while the page was https. */
function isOwnHost(origin: string, request: FastifyRequest): boolean {
  try {
    return new URL(origin).host === request.host;
  } catch {
    return false;
  }
}
