import { Injectable } from '@nestjs/common';
import { Sql, sqlErrorFacts, UNIQUE_VIOLATION } from '../../../infra/database/sql';
import type { RunEventRecord, StoredRunEventType } from '../events/run-event';
import { RunEvents } from '../events/run-events';
import { IdempotencyKeyTakenError } from './persistence-errors';
import { jsonParam, timestampParam, type FailedRunStatus, type NewRun, type RunRecord, type RunStatus, type WaitingRunStatus } from '../run.records';
import { RUN_SQL } from './run-sql';

export interface RunClaim {
  owner: string;
  leaseMs: number;
}

export interface ExpiredRun {
  id: string;
  organizationId: string;
  userId: string | null;
  agentName: string;
  attempt: number;
  /** Attempts since the run last waited: what its retry budget counts. */
  attemptsSinceWait: number;
  cancelRequested: boolean;
}

export type QueuedRunRef = Omit<ExpiredRun, 'cancelRequested' | 'attemptsSinceWait'>;

/** What a run-changing statement returns: the change, and the events the same statement appended. */
type Announced<T> = T & { events?: RunEventRecord[] };

export interface Suspension {
  status: WaitingRunStatus;
  wakeAt: Date | null;
  event: StoredRunEventType;
  data: Record<string, unknown>;
}

/**
 * The durable half of a run's record: its row, status, lease and attempts. Every write goes
 * through the plain pool (Sql), never the CLS transaction, so nothing recorded here can be rolled
 * back with the work it records. Status changes are conditional (`WHERE status = <expected>`):
 * each transition happens exactly once however many processes race for it, and appends its
 * run event in the same statement (published once it returns). The one write that joins the
 * run's business transaction lives apart, in RunCompletionRepository.
 */
@Injectable()
export class RunLedger {
  constructor(private readonly sql: Sql, private readonly events: RunEvents) {}

  /** The row the statement changed, its events published (and taken off it). */
  private async announced<T extends object>(change: Promise<Announced<T> | null>): Promise<T | null> {
    const row = await change;
    if (!row) return null;
    this.events.publish(row.events);
    delete row.events;
    return row;
  }

  async ensureAgent(organizationId: string, name: string, kind: string, description: string): Promise<string> {
    const args = [organizationId, name, kind, description];
    // A racing first run may have inserted the row after this statement's snapshot: look again.
    const row = (await this.sql.maybeOne<{ id: string }>(RUN_SQL.ensureAgent, args)) ?? (await this.sql.maybeOne<{ id: string }>(RUN_SQL.ensureAgent, args));
    if (!row) throw new Error(`agent ${name} could not be recorded for organization ${organizationId}`);
    return row.id;
  }

  /** QUEUED without a claim; RUNNING (attempt 1, leased to `claim.owner`) with one. */
  async insert(run: NewRun, claim?: RunClaim): Promise<RunRecord> {
    try {
      const row = await this.announced(this.sql.maybeOne<Announced<RunRecord>>(RUN_SQL.insert, [
        run.organizationId,
        run.agentId,
        run.userId ?? null,
        run.intent ?? null,
        run.mode,
        jsonParam(run.input),
        run.idempotencyKey ?? null,
        run.requestHash ?? null,
        claim?.owner ?? null,
        claim?.leaseMs ?? null,
        run.runAt ? timestampParam(run.runAt) : null,
        run.scheduleId ?? null,
        run.campaignId ?? null,
        run.parentRunId ?? null,
      ]));
      return row!;
    } catch (error) {
      const { code, constraint } = sqlErrorFacts(error);
      if (code === UNIQUE_VIOLATION && constraint?.includes('idempotency_key') && run.idempotencyKey) throw new IdempotencyKeyTakenError(run.idempotencyKey);
      throw error;
    }
  }

  claim(id: string, owner: string, leaseMs: number, maxAttempts: number): Promise<RunRecord | null> {
    return this.announced(this.sql.maybeOne<Announced<RunRecord>>(RUN_SQL.claim, [id, owner, leaseMs, maxAttempts]));
  }

  async renewLease(id: string, owner: string, leaseMs: number): Promise<'renewed' | 'lost' | 'cancel-requested'> {
    const row = await this.sql.maybeOne<{ cancelRequested: boolean }>(RUN_SQL.renewLease, [id, owner, leaseMs]);
    if (!row) return 'lost';
    return row.cancelRequested ? 'cancel-requested' : 'renewed';
  }

  async nextAttempt(id: string, owner: string): Promise<number | null> {
    return (await this.sql.maybeOne<{ attempt: number }>(RUN_SQL.nextAttempt, [id, owner]))?.attempt ?? null;
  }

  /** COMPLETED with no agent writes to commit: one statement, no transaction needed. */
  complete(id: string, owner: string, output: unknown): Promise<RunRecord | null> {
    return this.announced(this.sql.maybeOne<Announced<RunRecord>>(RUN_SQL.complete, [id, owner, jsonParam(output)]));
  }

  /** Ends a run that did not complete; null when it was not in `from` (or, with `owner`, not ours). */
  finish(id: string, from: RunStatus, to: FailedRunStatus, error: { errorClass: string; errorMessage: string }, owner?: string): Promise<RunRecord | null> {
    return this.announced(this.sql.maybeOne<Announced<RunRecord>>(RUN_SQL.finish, [id, from, to, error.errorClass, error.errorMessage, owner ?? null]));
  }

  /** QUEUED again for another process (null when no longer ours). */
  handBack(id: string, owner: string): Promise<RunRecord | null> {
    return this.announced(this.sql.maybeOne<Announced<RunRecord>>(RUN_SQL.handBack, [id, owner]));
  }

  /** Released to wait (null when no longer ours, or a cancel was asked for). */
  suspend(id: string, owner: string, wait: Suspension): Promise<RunRecord | null> {
    const args = [id, owner, wait.status, wait.wakeAt ? timestampParam(wait.wakeAt) : null, wait.event, jsonParam(wait.data)];
    return this.announced(this.sql.maybeOne<Announced<RunRecord>>(RUN_SQL.suspend, args));
  }

  /** AWAITING_APPROVAL -> QUEUED for a decision that landed while the run was being released. */
  resumeDecided(id: string): Promise<RunRecord | null> {
    return this.announced(this.sql.maybeOne<Announced<RunRecord>>(RUN_SQL.resumeDecided, [id]));
  }

  /** Makes a WAITING run due now; answers what its job needs, or null when it was not waiting. */
  wakeWaiting(id: string): Promise<{ id: string; organizationId: string; userId: string | null; attempt: number; agentName: string } | null> {
    return this.sql.maybeOne(RUN_SQL.wakeWaiting, [id]);
  }

  async requestCancel(id: string): Promise<boolean> {
    return (await this.sql.count(RUN_SQL.requestCancel, [id])) === 1;
  }

  async releaseIdempotencyKey(id: string): Promise<void> {
    await this.sql.count(RUN_SQL.releaseIdempotencyKey, [id]);
  }

  expired(limit = 100): Promise<ExpiredRun[]> {
    return this.sql.rows<ExpiredRun>(RUN_SQL.expired, [limit]);
  }

  async requeueExpired(id: string): Promise<boolean> {
    return (await this.announced(this.sql.maybeOne<Announced<{ id: string }>>(RUN_SQL.requeueExpired, [id]))) !== null;
  }

  async endExpired(id: string, to: FailedRunStatus, error: { errorClass: string; errorMessage: string }): Promise<boolean> {
    return (await this.announced(this.sql.maybeOne<Announced<{ id: string }>>(RUN_SQL.endExpired, [id, to, error.errorClass, error.errorMessage]))) !== null;
  }

  /** QUEUED runs not touched for `idleMs` (by the database's clock). */
  staleQueued(idleMs: number, limit = 100): Promise<QueuedRunRef[]> {
    return this.sql.rows<QueuedRunRef>(RUN_SQL.staleQueued, [idleMs, limit]);
  }
}
