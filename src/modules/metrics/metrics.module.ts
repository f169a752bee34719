import { Module } from '@nestjs/common';
import { PrometheusModule } from '@willsoto/nestjs-prometheus';
import { collectDefaultMetricsOnce } from './default-metrics';
import { HttpMetrics, httpMetricProviders } from './http-metrics';
import { MetricsController } from './metrics.controller';
import { ProtectionMetrics, protectionMetricProviders } from './protection-metrics';

collectDefaultMetricsOnce();

@Module({
  imports: [PrometheusModule.register({ path: '/metrics', controller: MetricsController, defaultMetrics: { enabled: false }, global: true })],
  providers: [...httpMetricProviders, ...protectionMetricProviders, HttpMetrics, ProtectionMetrics],
  exports: [HttpMetrics, ProtectionMetrics],
})
export class MetricsModule {}
