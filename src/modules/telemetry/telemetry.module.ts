import { Global, Module } from '@nestjs/common';
import { QueueMetrics, queueMetricProviders } from './queue-metrics';
import { RunMetrics, runMetricProviders } from './run-metrics';
import { SlotMetrics, slotMetricProviders } from './slot-metrics';

@Global()
@Module({
  providers: [...runMetricProviders, ...queueMetricProviders, ...slotMetricProviders, RunMetrics, QueueMetrics, SlotMetrics],
  exports: [RunMetrics, QueueMetrics, SlotMetrics],
})
export class TelemetryModule {}
