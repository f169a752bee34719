import { Injectable } from '@nestjs/common';
import { HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import { RedisService } from '../../infra/redis/redis.service';
import { DEPENDENCY_TIMEOUT_MS } from './postgres.health';

@Injectable()
export class RedisHealthIndicator {
  constructor(private readonly indicators: HealthIndicatorService, private readonly redis: RedisService) {}

  async check(): Promise<HealthIndicatorResult<'redis'>> {
    const indicator = this.indicators.check('redis');
    const started = performance.now();
    try {
      await this.redis.ping(DEPENDENCY_TIMEOUT_MS);
      return indicator.up({ latencyMs: Math.round(performance.now() - started) });
    } catch (error) {
      return indicator.down({ message: (error as Error).message });
    }
  }
}
