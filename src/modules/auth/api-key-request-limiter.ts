import { Inject, Injectable } from '@nestjs/common';
import { RateLimitedError } from '../../common/errors/domain-errors';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { RedisService } from '../../infra/redis/redis.service';
import { KeyedRateLimiter } from '../../infra/resilience/keyed-rate-limiter';
import { retryAfterSeconds } from '../../infra/resilience/retry-after';
import { ProtectionMetrics } from '../metrics/protection-metrics';
import { rateLimiterPrefixes } from '../../infra/redis/redis-keys';

const WINDOW_SECONDS = 60;

export class ApiKeyRateLimitedError extends RateLimitedError {
  constructor(limit: number, retryAfterMs: number) {
    super(`rate limit of ${limit} requests per minute for this API key reached; retry after ${retryAfterSeconds(retryAfterMs)} s`, retryAfterMs);
  }
}

/** Where a key stands after a request was admitted or refused, for the RateLimit-* headers. */
export interface ApiKeyBudget {
  limit: number;
  remaining: number;
  resetSeconds: number;
}

/**
 * Requests per API key and minute (API_KEY_RATE_LIMIT_PER_MINUTE), counted in Redis so the budget
 * holds across every API process. One instance per process (the guard that calls it is created
 * per module), so the in-memory counts below are the process's.
 *
 * While Redis is unreachable, each process counts the key in memory (KeyedRateLimiter's insurance
 * limiter) instead of failing open or closed: refusing every request would turn a cache outage
 * into an API outage, and admitting every request would lift the limit exactly when the platform
 * is degraded. The budget then holds per process, so a fleet of N processes admits at most N times it.
 */
@Injectable()
export class ApiKeyRequestLimiter {
  private readonly limiter: KeyedRateLimiter;
  readonly limit: number;

  constructor(@Inject(APP_CONFIG) config: AppConfig, redis: RedisService, private readonly metrics: ProtectionMetrics) {
    this.limit = config.httpProtection.apiKeyRequestsPerMinute;
    // The budget is in the prefix: processes configured differently never share (and misread) counters.
    this.limiter = new KeyedRateLimiter(redis.client, { keyPrefix: rateLimiterPrefixes.apiKeyRequests(this.limit, WINDOW_SECONDS), points: this.limit, durationSeconds: WINDOW_SECONDS });
  }

  /**
   * Takes one request from the key's budget and answers what is left; past the budget rejects with
   * ApiKeyRateLimitedError, and `onRefused` still learns the (empty) budget for the headers.
   */
  async take(apiKeyId: string, onRefused: (budget: ApiKeyBudget) => void): Promise<ApiKeyBudget> {
    try {
      const { remainingPoints, msBeforeReset } = await this.limiter.take(apiKeyId, (retryAfterMs) => new ApiKeyRateLimitedError(this.limit, retryAfterMs));
      return { limit: this.limit, remaining: remainingPoints, resetSeconds: retryAfterSeconds(msBeforeReset) };
    } catch (error) {
      if (error instanceof ApiKeyRateLimitedError) {
        this.metrics.limited('api_key');
        onRefused({ limit: this.limit, remaining: 0, resetSeconds: retryAfterSeconds(error.retryAfterMs) });
      }
      throw error;
    }
  }
}
