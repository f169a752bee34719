import helmet from '@fastify/helmet';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { RouteOptions } from 'fastify';

/**
 * What JSON needs from a browser: nothing. No resource may load, no page may frame the answer,
 * no form may post from it (the OWASP REST security advice for APIs).
 */
const API_CSP = { defaultSrc: ["'none'"], frameAncestors: ["'none'"], baseUri: ["'none'"], formAction: ["'none'"] };

/**
 * The pages served here (Swagger UI at /docs on the API, Bull Board at /queues on the worker) load
 * their own scripts, styles and images, so they get helmet's default policy with two changes:
 * - `upgrade-insecure-requests` is left out: on a deployment served over plain http (local, or
 *   inside a cluster) it would rewrite the page's own script and "Try it out" requests to https;
 * - framing is refused as for the API (helmet's default allows the same origin).
 * - styles and fonts only from here: helmet's default admits any https: origin for both, which
 *   only Bull Board would use (a web-font stylesheet); it falls back to local fonts instead of
 *   telling a third party who opens the queue dashboard.
 * Both pages keep their scripts in files ('self'); their inline <style> blocks need 'unsafe-inline'
 * for styles only, as in helmet's default. test/e2e/swagger-ui-browser shows Swagger UI rendering
 * under this policy in Chromium with no violation reported.
 */
const PAGE_CSP = {
  defaultSrc: ["'self'"],
  baseUri: ["'self'"],
  fontSrc: ["'self'", 'data:'],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
  imgSrc: ["'self'", 'data:'],
  objectSrc: ["'none'"],
  scriptSrc: ["'self'"],
  scriptSrcAttr: ["'none'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
};

/** Route prefixes that serve pages rather than JSON. */
const PAGE_PREFIXES = ['/docs', '/queues'];

export function isPageRoute(url: string): boolean {
  return PAGE_PREFIXES.some((prefix) => url === prefix || url.startsWith(`${prefix}/`));
}

/**
 * Security headers on every response (helmet): nosniff, no referrer, HSTS, frame denial, the
 * cross-origin isolation headers and a Content-Security-Policy, strict for the API and relaxed
 * for pages only. Must run before any route is added: pages get their policy as helmet's per-route
 * option, set here when the route is declared.
 */
export async function useSecurityHeaders(app: NestFastifyApplication): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRoute', (route: RouteOptions) => {
    if (!isPageRoute(route.url)) return;
    route.config = { ...(route.config as object), helmet: { contentSecurityPolicy: { useDefaults: false, directives: PAGE_CSP } } } as RouteOptions['config'];
  });
  await app.register(helmet, {
    contentSecurityPolicy: { useDefaults: false, directives: API_CSP },
    frameguard: { action: 'deny' },
  });
}
