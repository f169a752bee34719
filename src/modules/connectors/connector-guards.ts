import { Injectable } from '@nestjs/common';
import { BrokenCircuitError, circuitBreaker, CircuitBreakerPolicy, ConsecutiveBreaker, handleWhen } from 'cockatiel';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { RedisService } from '../../infra/redis/redis.service';
import { ConnectorError } from './connector-error';
import type { ConnectorManifest } from './connector.types';

const TENANT_BREAKER = { failures: 5, halfOpenAfterMs: 30_000 };
/** Provider-side failures trip a tenant's breaker; the caller's own mistakes do not. */
const TRIPS_BREAKER = new Set(['AUTH_EXPIRED', 'REAUTH_REQUIRED', 'PROVIDER_UNAVAILABLE', 'TIMEOUT', 'PERMISSION_DENIED']);

/**
 * The provider's own rate limit, enforced per (organization, connector) in Redis before a call,
 * and a circuit breaker per (organization, connector): one tenant's revoked credentials open
 * only that tenant's circuit.
 */
@Injectable()
export class ConnectorGuards {
  private readonly limiters = new Map<string, RateLimiterRedis>();
  private readonly breakers = new Map<string, { policy: CircuitBreakerPolicy; openUntil: number }>();

  constructor(private readonly redis: RedisService) {}

  async admit(manifest: ConnectorManifest, organizationId: string): Promise<void> {
    try {
      await this.limiter(manifest).consume(`${manifest.key}:${organizationId}`);
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      throw new ConnectorError('RATE_LIMITED', `${manifest.key}: the provider allows ${manifest.rateLimit.requests} requests per ${manifest.rateLimit.perSeconds} s for this organization`, {
        retryAfterMs: rejection.msBeforeNext,
        requestSent: false,
      });
    }
  }

  async guard<T>(manifest: ConnectorManifest, organizationId: string, fn: () => Promise<T>): Promise<T> {
    const entry = this.breaker(`${manifest.key}:${organizationId}`);
    try {
      return await entry.policy.execute(fn);
    } catch (error) {
      if (error instanceof BrokenCircuitError) {
        throw new ConnectorError('PROVIDER_UNAVAILABLE', `${manifest.key}: failing repeatedly for this organization; paused for ${Math.ceil(Math.max(0, entry.openUntil - Date.now()) / 1000)} s`, {
          retryAfterMs: Math.max(1_000, entry.openUntil - Date.now()),
          requestSent: false,
        });
      }
      throw error;
    }
  }

  private limiter(manifest: ConnectorManifest): RateLimiterRedis {
    let limiter = this.limiters.get(manifest.key);
    if (!limiter) {
      const { requests, perSeconds } = manifest.rateLimit;
      limiter = new RateLimiterRedis({
        storeClient: this.redis.client,
        keyPrefix: 'neonhub:rl:connector',
        points: requests,
        duration: perSeconds,
        insuranceLimiter: new RateLimiterMemory({ points: requests, duration: perSeconds }),
      });
      this.limiters.set(manifest.key, limiter);
    }
    return limiter;
  }

  private breaker(key: string) {
    let entry = this.breakers.get(key);
    if (!entry) {
      const policy = circuitBreaker(handleWhen((e) => e instanceof ConnectorError && TRIPS_BREAKER.has(e.category)), {
        halfOpenAfter: TENANT_BREAKER.halfOpenAfterMs,
        breaker: new ConsecutiveBreaker(TENANT_BREAKER.failures),
      });
      const created = { policy, openUntil: 0 };
      policy.onBreak(() => (created.openUntil = Date.now() + TENANT_BREAKER.halfOpenAfterMs));
      this.breakers.set(key, created);
      entry = created;
    }
    return entry;
  }
}
