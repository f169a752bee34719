import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import { SchedulesRepository } from './persistence/schedules.repository';
import { ScheduleTriggers } from './queue/schedule-triggers';
import { ScheduleTriggerSync } from './schedule-trigger-sync';

/**
 * At boot of a process that consumes schedules.tick: every enabled schedule in the database gets
 * its job scheduler (an upsert: idempotent, so every process may do it), and every job scheduler
 * whose schedule is disabled or gone is removed. The database is the truth and Redis a copy: a
 * Redis that lost its data (restarted without persistence, failed over, flushed) has its
 * schedules back once a worker starts, instead of schedules that silently never fire again.
 */
@Injectable()
export class ScheduleReconciler implements OnApplicationBootstrap {
  constructor(
    private readonly schedules: SchedulesRepository,
    private readonly triggers: ScheduleTriggers,
    private readonly sync: ScheduleTriggerSync,
    private readonly logger: PinoLogger,
  ) {
    logger.setContext(ScheduleReconciler.name);
  }

  onApplicationBootstrap(): void {
    // In the background: boot must not wait on Redis or the database (they may be coming up too).
    void this.reconcile().catch((error: Error) => this.logger.warn({ reason: error.message }, 'schedules not reconciled'));
  }

  async reconcile(): Promise<{ upserted: number; removed: number }> {
    // Each candidate is synced under its row lock: a schedule changed by a request meanwhile ends
    // as its latest change says, whichever of the two syncs runs last.
    const inRedis = await this.triggers.ids();
    const enabled = await this.schedules.enabledIds();
    const counts = { upserted: 0, removed: 0 };
    for (const id of new Set([...enabled, ...inRedis])) {
      const done = await this.sync.sync(id);
      if (done === 'UPSERTED') counts.upserted++;
      else counts.removed++;
    }
    this.logger.info(counts, 'schedules reconciled');
    return counts;
  }
}
