import { Injectable } from '@nestjs/common';
import { Sql } from '../../../infra/database/sql';

export interface LockedTiming {
  enabled: boolean;
  cron: string;
  timezone: string;
}

const LOCK_SQL = 'SELECT enabled, cron, timezone FROM schedules WHERE id = $1 FOR UPDATE';

/**
 * A schedule's row locked for the time of some work outside the database (a change to its job
 * scheduler in Redis), in a short transaction of its own on the pg pool: whoever locks it next
 * waits until that work is done.
 */
@Injectable()
export class ScheduleRowLock {
  constructor(private readonly sql: Sql) {}

  /** `work` gets the schedule's timing as committed now, or null when it no longer exists. */
  withLocked<R>(scheduleId: string, work: (timing: LockedTiming | null) => Promise<R>): Promise<R> {
    return this.sql.inShortTransaction(async (rows) => work((await rows<LockedTiming>(LOCK_SQL, [scheduleId]))[0] ?? null));
  }
}
