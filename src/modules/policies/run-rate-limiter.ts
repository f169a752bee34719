import { Inject, Injectable } from '@nestjs/common';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { RateLimitedError } from '../../common/errors/domain-errors';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/app-config';
import { RedisService } from '../../infra/redis/redis.service';
import { RunMetrics } from '../telemetry/run-metrics';

const WINDOW_SECONDS = 60;

/**
 * Runs per minute per (agent, user), counted in Redis so the limit holds across every API
 * process. While Redis is unreachable an in-memory limiter stands in (per process) rather than
 * refusing every run or letting every run through.
 */
@Injectable()
export class RunRateLimiter {
  private readonly limiters = new Map<number, RateLimiterRedis>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly redis: RedisService,
    private readonly metrics: RunMetrics,
  ) {}

  private limiter(points: number): RateLimiterRedis {
    let limiter = this.limiters.get(points);
    if (!limiter) {
      limiter = new RateLimiterRedis({
        storeClient: this.redis.client,
        keyPrefix: `neonhub:rl:runs:${points}`,
        points,
        duration: WINDOW_SECONDS,
        insuranceLimiter: new RateLimiterMemory({ points, duration: WINDOW_SECONDS }),
      });
      this.limiters.set(points, limiter);
    }
    return limiter;
  }

  async consume(agent: string, userId: string, perMinute = this.config.runs.rateLimitPerMinute): Promise<void> {
    try {
      await this.limiter(perMinute).consume(`${agent}:${userId}`);
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      this.metrics.rateLimited(agent);
      throw new RateLimitedError(`rate limit of ${perMinute} runs per minute for agent ${agent} reached; retry later`, rejection.msBeforeNext);
    }
  }
}
