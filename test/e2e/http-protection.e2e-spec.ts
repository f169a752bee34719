import { randomBytes } from 'node:crypto';
import type { AppConfig } from '../../src/config/app-config';
import { bearer, createTestApp, randomApiKey, TestApp } from '../support/app';
import { createTenant } from '../support/tenants';
import { metricValue } from '../support/worker-process';

const ALLOWED = 'https://app.neonhub.example';
const FOREIGN = 'https://evil.example';
const KEY_LIMIT = 5;

/** Small budgets so a test can spend them; behind a "proxy" on loopback, so X-Forwarded-For names the client. */
const protectedApp = (corsOrigins: string[]): Partial<AppConfig> => ({
  httpProtection: { corsOrigins, apiKeyRequestsPerMinute: KEY_LIMIT },
  auth: { failureLimit: 3, failureWindowSeconds: 60 },
  trustProxy: ['loopback'],
});

/** A documentation address (RFC 3849) of its own per call, so no other spec or run shares its counters. */
const freshAddress = () => `2001:db8::${randomBytes(2).toString('hex')}:${randomBytes(2).toString('hex')}`;

/** A counter as the app's /metrics shows it now; 0 while the series does not exist yet. */
async function counter(app: TestApp, name: string, labels: Record<string, string> = {}): Promise<number> {
  return metricValue((await app.http.get('/metrics').expect(200)).text, name, labels) ?? 0;
}

const CORS_HEADER = /^access-control-/;

describe('HTTP protection', () => {
  let first: TestApp;
  let second: TestApp;

  beforeAll(async () => {
    first = await createTestApp(protectedApp([ALLOWED, 'http://localhost:5173']));
    // Another process in all but name (its own app, limiters and in-memory counts), sharing Redis and the database; no CORS origin.
    second = await createTestApp(protectedApp([]), first.db);
  }, 60_000);
  afterAll(async () => {
    await second?.close();
    await first?.close();
  });

  const tenant = () => createTenant(first.db.url, `protect-${randomBytes(4).toString('hex')}`);
  const me = (app: TestApp, apiKey: string) => app.http.get('/v1/me').set('X-Forwarded-For', freshAddress()).set(bearer(apiKey));

  describe('security headers', () => {
    it('should send helmet headers and a CSP that loads nothing on API answers, errors included', async () => {
      const { apiKey } = await tenant();
      const answers = [await me(first, apiKey).expect(200), await me(first, randomApiKey()).expect(401), await first.http.get('/no/such/route').expect(404)];

      for (const res of answers) {
        expect(res.headers).toMatchObject({
          'content-security-policy': "default-src 'none';frame-ancestors 'none';base-uri 'none';form-action 'none'",
          'x-content-type-options': 'nosniff',
          'x-frame-options': 'DENY',
          'strict-transport-security': expect.stringMatching(/^max-age=\d+/),
          'referrer-policy': 'no-referrer',
          'cross-origin-opener-policy': 'same-origin',
          'cross-origin-resource-policy': 'same-origin',
          'x-request-id': expect.any(String),
        });
        expect(res.headers['x-powered-by']).toBeUndefined();
      }
    });

    it('should give Swagger UI a policy that admits its own scripts, styles and images and nothing from elsewhere', async () => {
      const page = await first.http.get('/docs').expect(200);
      const script = await first.http.get('/docs/swagger-ui-bundle.js').expect(200);
      const document = await first.http.get('/docs-json').expect(200);

      for (const res of [page, script]) {
        const csp = String(res.headers['content-security-policy']);
        expect(csp).toContain("default-src 'self'");
        expect(csp).toContain("script-src 'self'");
        expect(csp).toContain("img-src 'self' data:");
        expect(csp).not.toContain('upgrade-insecure-requests');
        expect(csp).not.toMatch(/script-src[^;]*unsafe/);
        expect(res.headers['x-content-type-options']).toBe('nosniff');
      }
      // The JSON document is no page: the API's policy.
      expect(document.headers['content-security-policy']).toMatch(/^default-src 'none'/);
    });
  });

  describe('CORS', () => {
    it('should let an allowed origin read the answer and the headers it needs', async () => {
      const { apiKey } = await tenant();

      const res = await me(first, apiKey).set('Origin', ALLOWED).expect(200);

      expect(res.headers['access-control-allow-origin']).toBe(ALLOWED);
      expect(res.headers['access-control-allow-credentials']).toBeUndefined();
      expect(res.headers.vary).toMatch(/Origin/i);
      const exposed = String(res.headers['access-control-expose-headers']).split(', ');
      expect(exposed).toEqual(expect.arrayContaining(['X-Request-Id', 'Retry-After', 'ETag', 'RateLimit-Limit', 'RateLimit-Remaining', 'RateLimit-Reset']));
    });

    it('should answer an allowed origin preflight with the methods and headers the API takes', async () => {
      const res = await first.http
        .options('/v1/runs')
        .set('Origin', 'http://localhost:5173')
        .set('Access-Control-Request-Method', 'POST')
        .set('Access-Control-Request-Headers', 'authorization, content-type, idempotency-key')
        .expect(204);

      expect(res.headers['access-control-allow-origin']).toBe('http://localhost:5173');
      expect(String(res.headers['access-control-allow-methods']).split(', ')).toEqual(expect.arrayContaining(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']));
      expect(String(res.headers['access-control-allow-headers']).split(', ')).toEqual(expect.arrayContaining(['Authorization', 'Content-Type', 'Idempotency-Key', 'If-Match']));
      expect(res.headers['access-control-max-age']).toBe('600');
    });

    it('should give a foreign origin no CORS header at all, nor a preflight, and count it', async () => {
      const { apiKey } = await tenant();
      const before = await counter(first, 'neonhub_http_cors_refused_total');

      const res = await me(first, apiKey).set('Origin', FOREIGN).expect(200);
      const preflight = await first.http.options('/v1/me').set('Origin', FOREIGN).set('Access-Control-Request-Method', 'GET');
      // A page of the API's own host (Swagger UI) sends Origin on its POSTs: no refusal.
      await first.http.get('/health/live').set('Host', 'api.neonhub.example').set('Origin', 'https://api.neonhub.example').expect(200);

      expect(Object.keys(res.headers).filter((h) => CORS_HEADER.test(h))).toEqual([]);
      expect(preflight.status).toBe(404);
      expect(preflight.body).toEqual({ statusCode: 404, error: 'Not Found', message: expect.any(String), requestId: expect.any(String) });
      expect(Object.keys(preflight.headers).filter((h) => CORS_HEADER.test(h))).toEqual([]);
      expect(await counter(first, 'neonhub_http_cors_refused_total')).toBe(before + 2);
    });

    it('should send no CORS header to anyone when no origin is configured', async () => {
      const { apiKey } = await tenant();

      const res = await me(second, apiKey).set('Origin', ALLOWED).expect(200);
      const preflight = await second.http.options('/v1/me').set('Origin', ALLOWED).set('Access-Control-Request-Method', 'GET');

      expect(Object.keys(res.headers).filter((h) => CORS_HEADER.test(h))).toEqual([]);
      expect(preflight.status).toBe(404);
      expect(Object.keys(preflight.headers).filter((h) => CORS_HEADER.test(h))).toEqual([]);
    });
  });

  describe('requests per API key', () => {
    it('should answer 429 with Retry-After once a key spent its budget across two processes, and leave other keys alone', async () => {
      const spender = await tenant();
      const bystander = await tenant();
      const before = await counter(first, 'neonhub_http_rate_limited_total', { limit: 'api_key' });

      const admitted = [];
      for (let i = 0; i < KEY_LIMIT; i++) admitted.push(await me(i % 2 ? second : first, spender.apiKey));
      const refused = await me(first, spender.apiKey);
      const refusedOnSecond = await me(second, spender.apiKey);
      const other = await me(first, bystander.apiKey);

      expect(admitted.map((res) => [res.status, res.headers['ratelimit-limit'], res.headers['ratelimit-remaining']])).toEqual(
        [4, 3, 2, 1, 0].map((left) => [200, String(KEY_LIMIT), String(left)]),
      );
      expect(Number(admitted[0].headers['ratelimit-reset'])).toBeGreaterThanOrEqual(1);
      expect(Number(admitted[0].headers['ratelimit-reset'])).toBeLessThanOrEqual(60);
      expect(refused.status).toBe(429);
      expect(refused.body).toEqual({
        statusCode: 429,
        error: 'Too Many Requests',
        message: expect.stringMatching(/^rate limit of 5 requests per minute for this API key reached; retry after \d+ s$/),
        requestId: refused.headers['x-request-id'],
      });
      expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60);
      expect(refused.headers['ratelimit-remaining']).toBe('0');
      expect(refused.headers['ratelimit-reset']).toBe(refused.headers['retry-after']);
      expect(refusedOnSecond.status).toBe(429);
      expect(other.status).toBe(200);
      expect(other.headers['ratelimit-remaining']).toBe(String(KEY_LIMIT - 1));
      expect(await counter(first, 'neonhub_http_rate_limited_total', { limit: 'api_key' })).toBe(before + 2);
    });

    it('should document the RateLimit headers on the answers of routes behind a key', async () => {
      const document = (await first.http.get('/docs-json').expect(200)).body;
      const headersOf = (path: string, status: string) => Object.keys(document.paths[path].get.responses[status].headers ?? {});

      expect(headersOf('/v1/me', '200')).toEqual(expect.arrayContaining(['X-Request-Id', 'RateLimit-Limit', 'RateLimit-Remaining', 'RateLimit-Reset']));
      expect(headersOf('/v1/me', '401')).not.toContain('RateLimit-Limit');
      expect(headersOf('/health/live', '200')).not.toContain('RateLimit-Limit');
    });

    it('should not spend a key budget on routes without an API key', async () => {
      const res = await first.http.get('/health/live').expect(200);

      expect(res.headers['ratelimit-limit']).toBeUndefined();
    });
  });

  describe('failed authentications per address', () => {
    it('should count refused and missing keys, and the 429 of an address past its limit', async () => {
      const address = freshAddress();
      const invalidBefore = await counter(first, 'neonhub_auth_failures_total', { reason: 'invalid' });
      const missingBefore = await counter(first, 'neonhub_auth_failures_total', { reason: 'missing' });
      const limitedBefore = await counter(first, 'neonhub_http_rate_limited_total', { limit: 'auth_failures' });

      const statuses = [];
      for (let i = 0; i < 3; i++) statuses.push((await first.http.get('/v1/me').set('X-Forwarded-For', address).set(bearer(randomApiKey()))).status);
      const missing = await first.http.get('/v1/me').set('X-Forwarded-For', freshAddress());
      const blocked = await first.http.get('/v1/me').set('X-Forwarded-For', address).set(bearer(randomApiKey()));

      expect(statuses).toEqual([401, 401, 401]);
      expect(missing.status).toBe(401);
      expect(blocked.status).toBe(429);
      expect(Number(blocked.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect(await counter(first, 'neonhub_auth_failures_total', { reason: 'invalid' })).toBe(invalidBefore + 3);
      expect(await counter(first, 'neonhub_auth_failures_total', { reason: 'missing' })).toBe(missingBefore + 1);
      expect(await counter(first, 'neonhub_http_rate_limited_total', { limit: 'auth_failures' })).toBe(limitedBefore + 1);
    });
  });
});
