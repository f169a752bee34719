import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { HealthController } from './health.controller';
import { PostgresHealthIndicator } from './postgres.health';
import { readinessMetricProviders, ReadinessMetrics } from './readiness-metrics';
import { ReadinessService } from './readiness.service';
import { RedisHealthIndicator } from './redis.health';

@Module({
  imports: [TerminusModule.forRoot({ logger: false })],
  controllers: [HealthController],
  providers: [PostgresHealthIndicator, RedisHealthIndicator, ReadinessService, ...readinessMetricProviders, ReadinessMetrics],
  exports: [ReadinessService],
})
export class HealthModule {}
