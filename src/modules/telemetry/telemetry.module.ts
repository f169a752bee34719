import { Global, Module } from '@nestjs/common';
import { QueueMetrics, queueMetricProviders } from './queue-metrics';
import { RunMetrics, runMetricProviders } from './run-metrics';

@Global()
@Module({
  providers: [...runMetricProviders, ...queueMetricProviders, RunMetrics, QueueMetrics],
  exports: [RunMetrics, QueueMetrics],
})
export class TelemetryModule {}
