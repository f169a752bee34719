import { Inject, Injectable } from '@nestjs/common';
import { RateLimitedError } from '../../common/errors/domain-errors';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/app-config';
import { KeyedRateLimiter } from '../../infra/resilience/keyed-rate-limiter';
import { RedisService } from '../../infra/redis/redis.service';
import { RunMetrics } from '../telemetry/run-metrics';
import { rateLimiterPrefixes } from '../../infra/redis/redis-keys';

const WINDOW_SECONDS = 60;

/**
 * Runs per minute per (agent, user), shared by every API process. An agent may set its own
 * budget: one limiter per budget, so agents with different budgets never share counters.
 */
@Injectable()
export class RunRateLimiter {
  private readonly limiters = new Map<number, KeyedRateLimiter>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly redis: RedisService,
    private readonly metrics: RunMetrics,
  ) {}

  async consume(agent: string, userId: string, perMinute = this.config.runs.rateLimitPerMinute): Promise<void> {
    await this.limiter(perMinute).consume(`${agent}:${userId}`, (retryAfterMs) => {
      this.metrics.rateLimited(agent);
      return new RateLimitedError(`rate limit of ${perMinute} runs per minute for agent ${agent} reached; retry later`, retryAfterMs);
    });
  }

  private limiter(points: number): KeyedRateLimiter {
    let limiter = this.limiters.get(points);
    if (!limiter) {
      limiter = new KeyedRateLimiter(this.redis.client, { keyPrefix: rateLimiterPrefixes.runs(points), points, durationSeconds: WINDOW_SECONDS });
      this.limiters.set(points, limiter);
    }
    return limiter;
  }
}
