import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { RedisClient } from '../redis/redis-client';

export interface KeyedRateLimiterOptions {
  /** Namespaces the counters in Redis; two limiters with one prefix share their budgets. */
  keyPrefix: string;
  points: number;
  durationSeconds: number;
}

export interface KeyedRateLimitState {
  remainingPoints: number;
  /** Until the key's window ends and its budget is whole again. */
  msBeforeReset: number;
}

/**
 * A fixed budget of points per key and window, counted in Redis so it holds across every
 * process. While Redis is unreachable an in-memory limiter stands in (per process) rather than
 * refusing every call or letting every call through.
 */
export class KeyedRateLimiter {
  private readonly limiter: RateLimiterRedis;
  private readonly points: number;

  constructor(storeClient: RedisClient, { keyPrefix, points, durationSeconds }: KeyedRateLimiterOptions) {
    this.points = points;
    this.limiter = new RateLimiterRedis({
      storeClient,
      keyPrefix,
      points,
      duration: durationSeconds,
      insuranceLimiter: new RateLimiterMemory({ points, duration: durationSeconds }),
    });
  }

  /** Rejects with the caller's error while `key` has no point left, without taking one. */
  async assertNotSpent(key: string, onLimited: (retryAfterMs: number) => Error): Promise<void> {
    const state = await this.limiter.get(key);
    if (state && state.consumedPoints >= this.points) throw onLimited(state.msBeforeNext);
  }

  /**
   * Takes one point for `key` and answers the points left, or rejects with the caller's error
   * built from the wait until the next one.
   */
  async consume(key: string, onLimited: (retryAfterMs: number) => Error): Promise<number> {
    return (await this.take(key, onLimited)).remainingPoints;
  }

  /** As consume, also answering when the window ends (for RateLimit-* response headers). */
  async take(key: string, onLimited: (retryAfterMs: number) => Error): Promise<KeyedRateLimitState> {
    try {
      const { remainingPoints, msBeforeNext } = await this.limiter.consume(key);
      return { remainingPoints, msBeforeReset: msBeforeNext };
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) throw onLimited(rejection.msBeforeNext);
      throw rejection;
    }
  }
}
