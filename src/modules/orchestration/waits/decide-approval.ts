import { Injectable } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import { ConflictError, NotFoundError } from '../../../common/errors/domain-errors';
import { Sql } from '../../../infra/database/sql';
import { AuditService } from '../../audit/audit.service';
import { RunMetrics } from '../../telemetry/run-metrics';
import type { RunEventRecord } from '../events/run-event';
import { RunEvents } from '../events/run-events';
import { RunQueue } from '../queue/run-queue';
import { FINAL_STATUSES, jsonParam, type RunStatus } from '../run.records';
import { APPROVAL_SQL } from './approval-sql';
import type { ApprovalRecord, ApprovalStatus } from './run-approvals';

export interface Decision {
  decision: 'approve' | 'reject';
  edits?: Record<string, unknown>;
  comment?: string;
}

type DecidedRow = ApprovalRecord & { agentName: string; userId: string | null; attempt: number; resumed: boolean; events: RunEventRecord[] };

/**
 * Records a person's decision on a run's approval, once, and resumes the run. The decision, the
 * run's return to QUEUED and the event are one statement that first locks the run's row: a
 * process releasing the run at that moment is waited for, then finds the decision itself (see
 * RunExecutor.suspend), so the run is never left waiting for a decision already made. The same
 * statement writes the decision's audit entry: a decision is never recorded without it.
 */
@Injectable()
export class DecideApproval {
  constructor(
    private readonly sql: Sql,
    private readonly events: RunEvents,
    private readonly queue: RunQueue,
    private readonly metrics: RunMetrics,
    private readonly audit: AuditService,
    private readonly logger: PinoLogger,
  ) {
    logger.setContext(DecideApproval.name);
  }

  async decide(caller: { organizationId: string; userId: string }, runId: string, approvalId: string, decision: Decision): Promise<ApprovalRecord & { agentName: string }> {
    const status = decision.decision === 'approve' ? 'APPROVED' : 'REJECTED';
    const stamp = this.audit.stamp();
    const args = [approvalId, runId, caller.organizationId, status, decision.edits ? jsonParam(decision.edits) : null, caller.userId, decision.comment ?? null, stamp.apiKeyId ?? null, stamp.requestId ?? null, stamp.ip ?? null];
    const row = await this.sql.maybeOne<DecidedRow>(APPROVAL_SQL.decide, args);
    if (!row) throw await this.whyNot(caller.organizationId, runId, approvalId);
    const { events, resumed, userId, attempt, ...approval } = row;
    this.events.publish(events);
    this.metrics.approvalDecided(status === 'APPROVED' ? 'approved' : 'rejected');
    this.logger.info({ runId, approvalId, decision: status, resumed }, 'approval decided');
    if (resumed) {
      const job = { runId, agent: approval.agentName, organizationId: caller.organizationId, userId: userId ?? undefined };
      // An expiring approval has a delayed wake-up job to bring forward; otherwise a plain add (its id makes a repeat a no-op).
      const queued = approval.expiresAt ? this.queue.ensureQueued(job, attempt) : this.queue.enqueue(job, attempt);
      // Redis away: the run is QUEUED in the database, and the sweeper enqueues it once it looks stale.
      await queued.catch((error: Error) => this.logger.warn({ runId, reason: error.message }, 'resumed run not enqueued; the sweeper will'));
    }
    return approval;
  }

  /** Why a decision did not land: no such run or approval (404), the approval decided, the run over, the approval expired (409). */
  private async whyNot(organizationId: string, runId: string, approvalId: string): Promise<Error> {
    const state = await this.sql.maybeOne<{ runStatus: RunStatus; approvalStatus: ApprovalStatus | null; expiresAt: Date | null }>(APPROVAL_SQL.whyNot, [runId, organizationId, approvalId]);
    if (!state) return new NotFoundError('run', runId);
    if (!state.approvalStatus) return new NotFoundError('approval', approvalId);
    if (state.approvalStatus !== 'PENDING') return new ConflictError(`approval ${approvalId} was already decided: ${state.approvalStatus.toLowerCase()}`);
    if (FINAL_STATUSES.includes(state.runStatus)) return new ConflictError(`run ${runId} already finished with status ${state.runStatus}: its approvals can no longer be decided`);
    return new ConflictError(`approval ${approvalId} expired at ${new Date(state.expiresAt!).toISOString()}`);
  }
}
