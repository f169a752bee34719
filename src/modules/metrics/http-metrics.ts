import { Injectable } from '@nestjs/common';
import { InjectMetric, makeCounterProvider, makeHistogramProvider } from '@willsoto/nestjs-prometheus';
import { Counter, Histogram } from 'prom-client';

export const HTTP_REQUESTS_TOTAL = 'neonhub_http_requests_total';
export const HTTP_REQUEST_DURATION = 'neonhub_http_request_duration_seconds';
/** Requests that matched no route share one label value, so a scanner cannot explode the series count. */
export const UNMATCHED_ROUTE = 'unmatched';

const labelNames = ['method', 'route', 'status'];

export const httpMetricProviders = [
  makeCounterProvider({ name: HTTP_REQUESTS_TOTAL, help: 'HTTP requests answered, by route template', labelNames }),
  makeHistogramProvider({
    name: HTTP_REQUEST_DURATION,
    help: 'HTTP request duration in seconds, by route template',
    labelNames,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  }),
];

@Injectable()
export class HttpMetrics {
  constructor(
    @InjectMetric(HTTP_REQUESTS_TOTAL) private readonly requests: Counter<string>,
    @InjectMetric(HTTP_REQUEST_DURATION) private readonly duration: Histogram<string>,
  ) {}

  observe(method: string, routeTemplate: string | undefined, status: number, seconds: number): void {
    const labels = { method, route: routeTemplate ?? UNMATCHED_ROUTE, status: String(status) };
    this.requests.inc(labels);
    this.duration.observe(labels, seconds);
  }
}
