import { Injectable } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import { ConflictError, NotFoundError } from '../../../common/errors/domain-errors';
import { Sql } from '../../../infra/database/sql';
import type { RunEventRecord } from '../events/run-event';
import { RUN_EVENT_SQL } from '../events/run-event-sql';
import { RunEvents } from '../events/run-events';
import { RunMetrics } from '../../telemetry/run-metrics';
import { RunQueue } from '../queue/run-queue';
import { FINAL_STATUSES, jsonParam, type RunStatus } from '../run.records';
import { APPROVAL_SQL } from './approval-sql';
import type { ApprovalRecord } from './run-approvals';

export interface Decision {
  decision: 'approve' | 'reject';
  edits?: Record<string, unknown>;
  comment?: string;
}

interface LockedRun {
  id: string;
  organizationId: string;
  userId: string | null;
  status: RunStatus;
  attempt: number;
  agentName: string;
}

/**
 * Records a person's decision on a run's approval, once, and resumes the run. The decision, the
 * run's return to QUEUED and the event are one short transaction that first locks the run's row:
 * a process releasing the run at that moment waits for it, then finds the decision (see
 * RunExecutor.suspend), so the run is never left waiting for a decision already made.
 */
@Injectable()
export class DecideApproval {
  constructor(private readonly sql: Sql, private readonly events: RunEvents, private readonly queue: RunQueue, private readonly metrics: RunMetrics, private readonly logger: PinoLogger) {
    logger.setContext(DecideApproval.name);
  }

  async decide(caller: { organizationId: string; userId: string }, runId: string, approvalId: string, decision: Decision): Promise<ApprovalRecord & { agentName: string }> {
    const status = decision.decision === 'approve' ? 'APPROVED' : 'REJECTED';
    const { approval, run, resumed, events } = await this.sql.inShortTransaction(async (rows) => {
      const [run] = await rows<LockedRun>(APPROVAL_SQL.lockRun, [runId, caller.organizationId]);
      if (!run) throw new NotFoundError('run', runId);
      if (FINAL_STATUSES.includes(run.status)) throw new ConflictError(`run ${runId} already finished with status ${run.status}: its approvals can no longer be decided`);
      const [approval] = await rows<ApprovalRecord>(APPROVAL_SQL.decide, [approvalId, runId, status, decision.edits ? jsonParam(decision.edits) : null, caller.userId, decision.comment ?? null]);
      if (!approval) throw await this.whyNot(rows, run, approvalId);
      const resumed = (await rows<{ attempt: number }>(APPROVAL_SQL.resume, [runId])).length === 1;
      const data = { approvalId, step: approval.step, decision: status.toLowerCase(), reviewer: caller.userId, comment: decision.comment ?? null, edited: decision.edits !== undefined };
      const events = await rows<RunEventRecord>(RUN_EVENT_SQL.append, [run.organizationId, runId, 'run.approval_decided', jsonParam(data)]);
      return { approval, run, resumed, events };
    });
    this.events.publish(events);
    this.metrics.approvalDecided(status === 'APPROVED' ? 'approved' : 'rejected');
    this.logger.info({ runId, approvalId, decision: status, resumed }, 'approval decided');
    if (resumed) {
      const job = { runId, agent: run.agentName, organizationId: run.organizationId, userId: run.userId ?? undefined };
      // Redis away: the run is QUEUED in the database, and the sweeper enqueues it once it looks stale.
      await this.queue.ensureQueued(job, run.attempt).catch((error: Error) => this.logger.warn({ runId, reason: error.message }, 'resumed run not enqueued; the sweeper will'));
    }
    return { ...approval, agentName: run.agentName };
  }

  /** Why a decision did not land: no such approval of this run (404), already decided or expired (409). */
  private async whyNot(rows: <T extends object>(text: string, values: unknown[]) => Promise<T[]>, run: LockedRun, approvalId: string): Promise<Error> {
    const [current] = await rows<ApprovalRecord>(APPROVAL_SQL.byId, [approvalId, run.id]);
    if (!current) return new NotFoundError('approval', approvalId);
    if (current.status !== 'PENDING') return new ConflictError(`approval ${approvalId} was already decided: ${current.status.toLowerCase()}`);
    return new ConflictError(`approval ${approvalId} expired at ${new Date(current.expiresAt!).toISOString()}`);
  }
}
