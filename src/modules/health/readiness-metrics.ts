import { Injectable } from '@nestjs/common';
import { InjectMetric, makeCounterProvider } from '@willsoto/nestjs-prometheus';
import { Counter } from 'prom-client';

export const READINESS_TRANSITIONS_TOTAL = 'neonhub_readiness_transitions_total';

export const readinessMetricProviders = [
  makeCounterProvider({
    name: READINESS_TRANSITIONS_TOTAL,
    help: 'Times this process answered /health/ready differently from the check before, by the answer it changed to (ready, unready)',
    labelNames: ['to'],
  }),
];

/**
 * Counts readiness changes where they happen. A scraped 0/1 gauge would miss a flap between two
 * scrapes (probes come every few seconds, scrapes every 15), and a flapping pod leaves and rejoins
 * its Service's endpoints, dropping requests each time.
 */
@Injectable()
export class ReadinessMetrics {
  private last?: boolean;

  constructor(@InjectMetric(READINESS_TRANSITIONS_TOTAL) private readonly transitions: Counter<string>) {}

  answered(ready: boolean): void {
    // The first answer is where the process starts, not a change.
    if (this.last !== undefined && this.last !== ready) this.transitions.inc({ to: ready ? 'ready' : 'unready' });
    this.last = ready;
  }
}
