import { Injectable } from '@nestjs/common';
import { InjectMetric, makeCounterProvider } from '@willsoto/nestjs-prometheus';
import { Counter } from 'prom-client';

export const RUN_SLOT_WAITS_TOTAL = 'neonhub_run_slot_waits_total';
export const RUN_SLOT_HANDOFFS_TOTAL = 'neonhub_run_slot_handoffs_total';

/** Why a run waited for a slot; one value for now, a label so other limits can join it. */
export type SlotWaitReason = 'organization_limit';

/**
 * Runs parked for an execution slot and slots handed on to them. No organization label: one
 * series per tenant would grow without bound; a tenant's waits are in its runs' event logs.
 */
export const slotMetricProviders = [
  makeCounterProvider({ name: RUN_SLOT_WAITS_TOTAL, help: 'Times a queued run was parked because no execution slot was free, by reason', labelNames: ['reason', 'first'] }),
  makeCounterProvider({ name: RUN_SLOT_HANDOFFS_TOTAL, help: 'Parked runs handed a freed execution slot and put back on the queue', labelNames: [] }),
];

@Injectable()
export class SlotMetrics {
  constructor(
    @InjectMetric(RUN_SLOT_WAITS_TOTAL) private readonly waits: Counter<string>,
    @InjectMetric(RUN_SLOT_HANDOFFS_TOTAL) private readonly handoffs: Counter<string>,
  ) {}

  /** `first`: the run's first wait (each run counts once as true); re-parks after a hand-off was lost count false. */
  parked(reason: SlotWaitReason, first: boolean): void {
    this.waits.inc({ reason, first: String(first) });
  }

  handedOff(count: number): void {
    if (count > 0) this.handoffs.inc(count);
  }
}
