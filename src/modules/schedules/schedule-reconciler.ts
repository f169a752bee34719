import { Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import { PeriodicTask } from '../../infra/scheduling/periodic-task';
import { SchedulesRepository } from './persistence/schedules.repository';
import { ScheduleTriggers } from './queue/schedule-triggers';
import { ScheduleTriggerSync } from './schedule-trigger-sync';

/**
 * At boot of a process that consumes schedules.tick: every enabled schedule in the database gets
 * its job scheduler (an upsert: idempotent, so every process may do it), and every job scheduler
 * whose schedule is disabled or gone is removed. The database is the truth and Redis a copy: a
 * Redis that lost its data (restarted without persistence, failed over, flushed) has its
 * schedules back once a worker starts, instead of schedules that silently never fire again.
 *
 * While running, a cheaper check every minute compares only the two sets of ids (one query, one
 * Redis read) and syncs the schedules that differ, so a Redis that lost its data while every
 * worker stayed up has its schedules back within a minute, not at the next deploy.
 */
const CHECK_EVERY_MS = 60_000;

@Injectable()
export class ScheduleReconciler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly check = new PeriodicTask(
    () => this.reconcile({ onlyDifferences: true }).catch((error: Error) => this.logger.warn({ reason: error.message }, 'schedules not checked')),
    CHECK_EVERY_MS,
  );

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
    this.check.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.check.stop();
  }

  async reconcile(options: { onlyDifferences?: boolean } = {}): Promise<{ upserted: number; removed: number }> {
    // Each candidate is synced under its row lock: a schedule changed by a request meanwhile ends
    // as its latest change says, whichever of the two syncs runs last.
    const inRedis = await this.triggers.ids();
    const enabled = await this.schedules.enabledIds();
    const counts = { upserted: 0, removed: 0 };
    const candidates = options.onlyDifferences ? symmetricDifference(enabled, inRedis) : new Set([...enabled, ...inRedis]);
    if (options.onlyDifferences && candidates.size === 0) return counts;
    for (const id of candidates) {
      const done = await this.sync.sync(id);
      if (done === 'UPSERTED') counts.upserted++;
      else counts.removed++;
    }
    this.logger.info(counts, 'schedules reconciled');
    return counts;
  }
}

function symmetricDifference(a: Iterable<string>, b: Iterable<string>): Set<string> {
  const left = new Set(a);
  const right = new Set(b);
  return new Set([...[...left].filter((id) => !right.has(id)), ...[...right].filter((id) => !left.has(id))]);
}
