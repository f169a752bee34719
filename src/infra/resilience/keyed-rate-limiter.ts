import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';

export interface KeyedRateLimiterOptions {
  /** Namespaces the counters in Redis; two limiters with one prefix share their budgets. */
  keyPrefix: string;
  points: number;
  durationSeconds: number;
}

/**
 * A fixed budget of points per key and window, counted in Redis so it holds across every
 * process. While Redis is unreachable an in-memory limiter stands in (per process) rather than
 * refusing every call or letting every call through.
 */
export class KeyedRateLimiter {
  private readonly limiter: RateLimiterRedis;

  constructor(storeClient: Redis, { keyPrefix, points, durationSeconds }: KeyedRateLimiterOptions) {
    this.limiter = new RateLimiterRedis({
      storeClient,
      keyPrefix,
      points,
      duration: durationSeconds,
      insuranceLimiter: new RateLimiterMemory({ points, duration: durationSeconds }),
    });
  }

  /** Takes one point for `key`, or rejects with the caller's error built from the wait until the next one. */
  async consume(key: string, onLimited: (retryAfterMs: number) => Error): Promise<void> {
    try {
      await this.limiter.consume(key);
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) throw onLimited(rejection.msBeforeNext);
      throw rejection;
    }
  }
}
