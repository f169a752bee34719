import { Injectable } from '@nestjs/common';
import { InjectMetric, makeCounterProvider } from '@willsoto/nestjs-prometheus';
import { Counter } from 'prom-client';

export const WEBHOOK_ATTEMPTS_TOTAL = 'neonhub_webhook_delivery_attempts_total';
export const WEBHOOK_DELIVERIES_TOTAL = 'neonhub_webhook_deliveries_total';
export const WEBHOOK_ENDPOINTS_DISABLED_TOTAL = 'neonhub_webhook_endpoints_disabled_total';

/** What an attempt came to: delivered, a retry scheduled, or failed for good. */
export type AttemptOutcome = 'succeeded' | 'retrying' | 'failed';

export const webhookMetricProviders = [
  makeCounterProvider({ name: WEBHOOK_ATTEMPTS_TOTAL, help: 'Webhook delivery attempts by outcome: succeeded, retrying (a retry scheduled) or failed (no retry left)', labelNames: ['event', 'outcome'] }),
  makeCounterProvider({ name: WEBHOOK_DELIVERIES_TOTAL, help: 'Webhook deliveries that reached a final status (succeeded or failed)', labelNames: ['event', 'status'] }),
  makeCounterProvider({ name: WEBHOOK_ENDPOINTS_DISABLED_TOTAL, help: 'Webhook endpoints disabled automatically: failures (too many in a row) or gone (410)', labelNames: ['reason'] }),
];

@Injectable()
export class WebhookMetrics {
  constructor(
    @InjectMetric(WEBHOOK_ATTEMPTS_TOTAL) private readonly attempts: Counter<string>,
    @InjectMetric(WEBHOOK_DELIVERIES_TOTAL) private readonly deliveries: Counter<string>,
    @InjectMetric(WEBHOOK_ENDPOINTS_DISABLED_TOTAL) private readonly disabled: Counter<string>,
  ) {}

  attempted(event: string, outcome: AttemptOutcome): void {
    this.attempts.inc({ event, outcome });
    if (outcome !== 'retrying') this.deliveries.inc({ event, status: outcome });
  }

  endpointDisabled(reason: 'failures' | 'gone'): void {
    this.disabled.inc({ reason });
  }
}
