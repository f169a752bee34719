import { Injectable } from '@nestjs/common';
import { InjectMetric, makeCounterProvider } from '@willsoto/nestjs-prometheus';
import { Counter } from 'prom-client';
import type { RetentionKind } from './retention-kinds';

export const RETENTION_PURGED_TOTAL = 'neonhub_retention_purged_rows_total';
export const RETENTION_SWEEPS_TOTAL = 'neonhub_retention_sweeps_total';

export const retentionMetricProviders = [
  makeCounterProvider({ name: RETENTION_PURGED_TOTAL, help: 'Rows the retention sweep deleted (or, for model-call steps, cleared of their payload), by kind', labelNames: ['kind'] }),
  makeCounterProvider({ name: RETENTION_SWEEPS_TOTAL, help: 'Retention sweeps by outcome: completed or failed', labelNames: ['outcome'] }),
];

@Injectable()
export class RetentionMetrics {
  constructor(@InjectMetric(RETENTION_PURGED_TOTAL) private readonly purged: Counter<string>, @InjectMetric(RETENTION_SWEEPS_TOTAL) private readonly sweeps: Counter<string>) {}

  purgedRows(kind: RetentionKind, rows: number): void {
    if (rows > 0) this.purged.inc({ kind }, rows);
  }

  swept(outcome: 'completed' | 'failed'): void {
    this.sweeps.inc({ outcome });
  }
}
