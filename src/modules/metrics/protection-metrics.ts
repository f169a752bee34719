import { Injectable } from '@nestjs/common';
import { InjectMetric, makeCounterProvider } from '@willsoto/nestjs-prometheus';
import { Counter } from 'prom-client';

export const HTTP_RATE_LIMITED_TOTAL = 'neonhub_http_rate_limited_total';
export const AUTH_FAILURES_TOTAL = 'neonhub_auth_failures_total';
export const HTTP_CORS_REFUSED_TOTAL = 'neonhub_http_cors_refused_total';

/** Which limit answered 429: the per-API-key request budget or the per-address failed-authentication budget. */
export type RateLimitName = 'api_key' | 'auth_failures';
/** missing: no bearer credential at all (not counted against the address); invalid: a key was presented and refused. */
export type AuthFailureReason = 'missing' | 'invalid';

export const protectionMetricProviders = [
  makeCounterProvider({ name: HTTP_RATE_LIMITED_TOTAL, help: 'Requests refused with 429 by an HTTP limit: api_key (requests per key) or auth_failures (failed authentications per address)', labelNames: ['limit'] }),
  makeCounterProvider({ name: AUTH_FAILURES_TOTAL, help: 'Requests refused with 401: no API key (missing) or a key that is unknown, revoked or expired (invalid)', labelNames: ['reason'] }),
  makeCounterProvider({ name: HTTP_CORS_REFUSED_TOTAL, help: 'Cross-origin requests (preflights included) from an origin CORS_ORIGINS does not list; they get no CORS headers', labelNames: [] }),
];

/** The counters of the HTTP protections (limits, authentication, CORS), one method per event. */
@Injectable()
export class ProtectionMetrics {
  constructor(
    @InjectMetric(HTTP_RATE_LIMITED_TOTAL) private readonly rateLimited: Counter<string>,
    @InjectMetric(AUTH_FAILURES_TOTAL) private readonly authFailures: Counter<string>,
    @InjectMetric(HTTP_CORS_REFUSED_TOTAL) private readonly corsRefused: Counter<string>,
  ) {}

  limited(limit: RateLimitName): void {
    this.rateLimited.inc({ limit });
  }

  authenticationFailed(reason: AuthFailureReason): void {
    this.authFailures.inc({ reason });
  }

  corsOriginRefused(): void {
    this.corsRefused.inc();
  }
}
