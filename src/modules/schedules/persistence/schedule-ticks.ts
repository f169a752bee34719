import { Injectable } from '@nestjs/common';
import { Sql } from '../../../infra/database/sql';
import { FINAL_STATUSES, type RunStatus, timestampParam as ts } from '../../orchestration/run.records';

export type TickOutcome = 'STARTED' | 'SKIPPED' | 'FAILED';

export interface TickRecord {
  scheduleId: string;
  tickAt: Date;
  outcome: TickOutcome;
  runId: string | null;
  reason: string | null;
  createdAt: Date;
}

export interface NewTick {
  organizationId: string;
  scheduleId: string;
  tickAt: Date;
  outcome: TickOutcome;
  runId?: string;
  reason?: string;
}

const TICK_COLUMNS = `schedule_id AS "scheduleId", tick_at AS "tickAt", outcome, run_id AS "runId", reason, created_at AS "createdAt"`;
const FINAL = FINAL_STATUSES.map((s) => `'${s}'`).join(', ');

const SQL = {
  record: `INSERT INTO schedule_ticks (organization_id, schedule_id, tick_at, outcome, run_id, reason)
           VALUES ($1, $2, $3, $4::"ScheduleTickOutcome", $5, $6)
           ON CONFLICT (schedule_id, tick_at) DO NOTHING RETURNING id`,
  recorded: `SELECT 1 FROM schedule_ticks WHERE schedule_id = $1 AND tick_at = $2`,
  unfinishedRun: `SELECT id, status FROM agent_runs
                  WHERE schedule_id = $1 AND status NOT IN (${FINAL}) AND idempotency_key IS DISTINCT FROM $2
                  ORDER BY created_at DESC LIMIT 1`,
  recent: `SELECT ${TICK_COLUMNS} FROM schedule_ticks WHERE schedule_id = $1 ORDER BY tick_at DESC LIMIT $2`,
  latestOf: `SELECT DISTINCT ON (schedule_id) ${TICK_COLUMNS} FROM schedule_ticks WHERE schedule_id = ANY($1::uuid[]) ORDER BY schedule_id, tick_at DESC`,
};

/**
 * The record of each tick, written once: (schedule_id, tick_at) is unique, and a second write of
 * the same tick (a duplicated or retried job) is a no-op. Written on the pg pool, outside any
 * transaction: what a tick did stays on record whatever happens after.
 */
@Injectable()
export class ScheduleTicks {
  constructor(private readonly sql: Sql) {}

  /** True when this call wrote the tick; false when it was already on record. */
  async record(tick: NewTick): Promise<boolean> {
    const rows = await this.sql.rows(SQL.record, [tick.organizationId, tick.scheduleId, ts(tick.tickAt), tick.outcome, tick.runId ?? null, tick.reason ?? null]);
    return rows.length === 1;
  }

  async isRecorded(scheduleId: string, tickAt: Date): Promise<boolean> {
    return (await this.sql.rows(SQL.recorded, [scheduleId, ts(tickAt)])).length > 0;
  }

  /**
   * The schedule's newest run that has not finished (WAITING and AWAITING_APPROVAL count as not
   * finished), other than the run of the tick at hand (its idempotency key): a retried tick whose
   * run was already submitted must not see that run as the previous one.
   */
  unfinishedRun(scheduleId: string, exceptIdempotencyKey: string): Promise<{ id: string; status: RunStatus } | null> {
    return this.sql.maybeOne(SQL.unfinishedRun, [scheduleId, exceptIdempotencyKey]);
  }

  recent(scheduleId: string, limit: number): Promise<TickRecord[]> {
    return this.sql.rows<TickRecord>(SQL.recent, [scheduleId, limit]);
  }

  /** Each schedule's latest tick, by schedule id (absent: never ticked). */
  async latestOf(scheduleIds: string[]): Promise<Map<string, TickRecord>> {
    if (scheduleIds.length === 0) return new Map();
    const rows = await this.sql.rows<TickRecord>(SQL.latestOf, [scheduleIds]);
    return new Map(rows.map((row) => [row.scheduleId, row]));
  }
}
