import { Injectable } from '@nestjs/common';
import { retryAfterSeconds } from '../../infra/resilience/retry-after';
import { KeyedCircuitBreaker } from '../../infra/resilience/keyed-circuit-breaker';
import { KeyedRateLimiter } from '../../infra/resilience/keyed-rate-limiter';
import { RedisService } from '../../infra/redis/redis.service';
import { ConnectorError, type ConnectorErrorCategory } from './connector-error';
import type { ConnectorManifest } from './connector.types';
import { rateLimiterPrefixes } from '../../infra/redis/redis-keys';

/** Provider-side failures trip a tenant's breaker; the caller's own mistakes do not. */
const TRIPS_BREAKER: ReadonlySet<ConnectorErrorCategory> = new Set(['AUTH_EXPIRED', 'REAUTH_REQUIRED', 'PROVIDER_UNAVAILABLE', 'TIMEOUT', 'PERMISSION_DENIED']);
/** A refusal waits at least this long: a probe may be in flight, and a 0 s Retry-After invites a stampede. */
const MIN_PAUSE_MS = 1_000;

/**
 * The provider's own rate limit, enforced per (organization, connector) in Redis before a call,
 * and a circuit breaker per (organization, connector): one tenant's revoked credentials open
 * only that tenant's circuit.
 */
@Injectable()
export class ConnectorGuards {
  private readonly limiters = new Map<string, KeyedRateLimiter>();
  private readonly breaker = new KeyedCircuitBreaker({
    failureThreshold: 5,
    halfOpenAfterMs: 30_000,
    counts: (error) => error instanceof ConnectorError && TRIPS_BREAKER.has(error.category),
  });

  constructor(private readonly redis: RedisService) {}

  async admit(manifest: ConnectorManifest, organizationId: string): Promise<void> {
    const { requests, perSeconds } = manifest.rateLimit;
    await this.limiter(manifest).consume(
      `${manifest.key}:${organizationId}`,
      (retryAfterMs) => new ConnectorError('RATE_LIMITED', `${manifest.key}: the provider allows ${requests} requests per ${perSeconds} s for this organization`, { retryAfterMs, requestSent: false }),
    );
  }

  guard<T>(manifest: ConnectorManifest, organizationId: string, fn: () => Promise<T>): Promise<T> {
    return this.breaker.execute(`${manifest.key}:${organizationId}`, fn, (remainingMs) => {
      const retryAfterMs = Math.max(MIN_PAUSE_MS, remainingMs);
      return new ConnectorError('PROVIDER_UNAVAILABLE', `${manifest.key}: failing repeatedly for this organization; paused for ${retryAfterSeconds(retryAfterMs)} s`, { retryAfterMs, requestSent: false });
    });
  }

  private limiter(manifest: ConnectorManifest): KeyedRateLimiter {
    let limiter = this.limiters.get(manifest.key);
    if (!limiter) {
      const { requests, perSeconds } = manifest.rateLimit;
      limiter = new KeyedRateLimiter(this.redis.client, { keyPrefix: rateLimiterPrefixes.connector(), points: requests, durationSeconds: perSeconds });
      this.limiters.set(manifest.key, limiter);
    }
    return limiter;
  }
}
