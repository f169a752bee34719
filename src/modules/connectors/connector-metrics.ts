import { Injectable } from '@nestjs/common';
import { InjectMetric, makeCounterProvider, makeHistogramProvider } from '@willsoto/nestjs-prometheus';
import { Counter, Histogram } from 'prom-client';

export const CONNECTOR_REQUESTS_TOTAL = 'neonhub_connector_requests_total';
export const CONNECTOR_REQUEST_DURATION = 'neonhub_connector_request_duration_seconds';

export const connectorMetricProviders = [
  makeCounterProvider({ name: CONNECTOR_REQUESTS_TOTAL, help: 'Connector actions by outcome (success or an error category)', labelNames: ['connector', 'action', 'outcome'] }),
  makeHistogramProvider({
    name: CONNECTOR_REQUEST_DURATION,
    help: 'Connector action duration in seconds',
    labelNames: ['connector', 'action'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  }),
];

@Injectable()
export class ConnectorMetrics {
  constructor(
    @InjectMetric(CONNECTOR_REQUESTS_TOTAL) private readonly requests: Counter<string>,
    @InjectMetric(CONNECTOR_REQUEST_DURATION) private readonly duration: Histogram<string>,
  ) {}

  observe(connector: string, action: string, outcome: string, seconds: number): void {
    this.requests.inc({ connector, action, outcome });
    this.duration.observe({ connector, action }, seconds);
  }
}
