import { Injectable, ServiceUnavailableException } from '@nestjs/common';
import { HealthCheckService } from '@nestjs/terminus';
import { HealthResponse } from './dto/health.response';
import { PostgresHealthIndicator } from './postgres.health';
import { ReadinessMetrics } from './readiness-metrics';
import { RedisHealthIndicator } from './redis.health';

/** Runs the dependency checks; shared by the API's and the worker's /health/ready. */
@Injectable()
export class ReadinessService {
  constructor(
    private readonly health: HealthCheckService,
    private readonly postgres: PostgresHealthIndicator,
    private readonly redis: RedisHealthIndicator,
    private readonly metrics: ReadinessMetrics,
  ) {}

  async check(): Promise<HealthResponse> {
    const result = await this.answer();
    this.metrics.answered(result.status === 'ok');
    return result;
  }

  private async answer(): Promise<HealthResponse> {
    try {
      return await this.health.check([() => this.postgres.check(), () => this.redis.check()]);
    } catch (error) {
      // Terminus reports "down" by throwing; its payload is the answer, not a failure of ours.
      if (error instanceof ServiceUnavailableException) return error.getResponse() as HealthResponse;
      throw error;
    }
  }
}
