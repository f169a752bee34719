import { Inject, Injectable } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import { APP_CONFIG } from '../../../config/config.module';
import type { AppConfig } from '../../../config/app-config';
import { OrganizationRunSlots, type SlotRequest } from '../../policies/organization-run-slots';
import { ParkedRuns } from './parked-runs';
import type { RunJob } from './run-job';

export type Gated<T> = { parked: true } | { parked: false; result: T };

/** Hand-offs followed through runs that turned out cancelled, before leaving the rest to the sweeper. */
const MAX_HAND_OFF_ROUNDS = 100;

/**
 * Fair sharing between organizations: a queued run executes only while its organization holds
 * fewer runs than its limit, across every worker. Without a slot the run is parked (its job
 * completes, the run stays QUEUED and says why) and is put back on the queue when one of its
 * organization's runs releases a slot, at the end of the waiting list: organizations with
 * nothing parked go first, which is the round-robin between them. Only async runs pass here;
 * sync runs execute in the API request, bounded by the per-(agent, user) rate limit.
 */
@Injectable()
export class OrganizationSlotGate {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly slots: OrganizationRunSlots,
    private readonly parked: ParkedRuns,
    private readonly logger: PinoLogger,
  ) {
    logger.setContext(OrganizationSlotGate.name);
  }

  /** Runs `execute` holding a slot of the job's organization, renewed meanwhile; released however it ends (a run that suspends to wait returns too). */
  async around<T>(job: RunJob, execute: () => Promise<T>): Promise<Gated<T>> {
    const request = { organizationId: job.organizationId, runId: job.runId };
    const { granted, limit } = await this.slots.acquire(request);
    if (!granted) {
      await this.parked.park(job, limit);
      return { parked: true };
    }
    const renewal = setInterval(() => void this.renew(request), Math.max(100, Math.floor(this.config.runs.leaseMs / 3)));
    renewal.unref();
    try {
      return { parked: false, result: await execute() };
    } finally {
      clearInterval(renewal);
      await this.release(request);
    }
  }

  /**
   * Never throws: the run has ended its turn either way. A release that failed leaves the slot
   * to lapse after a lease, and its parked runs to the sweeper.
   */
  private async release(request: SlotRequest): Promise<void> {
    try {
      let freed = [request.runId];
      for (let round = 0; round < MAX_HAND_OFF_ROUNDS && freed.length; round++) {
        const next: string[] = [];
        for (const runId of freed) {
          // A run cancelled while parked gives the slot it was handed straight back, to the next in line.
          next.push(...(await this.parked.wake(await this.slots.release({ organizationId: request.organizationId, runId }))));
        }
        freed = next;
      }
    } catch (error) {
      this.logger.warn({ runId: request.runId, reason: (error as Error).message }, 'slot release failed; it lapses after a lease');
    }
  }

  private async renew(request: SlotRequest): Promise<void> {
    try {
      if (!(await this.slots.renew(request))) this.logger.warn({ runId: request.runId }, 'run slot lapsed while executing; the organization may run one more meanwhile');
    } catch (error) {
      this.logger.warn({ runId: request.runId, reason: (error as Error).message }, 'slot renewal failed');
    }
  }
}
