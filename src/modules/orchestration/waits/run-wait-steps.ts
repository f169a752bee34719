import { redactForStorage } from '../../../infra/logging/redaction';
import type { ApprovalDecision, ApprovalGate, ApprovalRequest, ChildRunOutcome, RunWaits } from '../../agents/run-waits';
import type { RunEvents } from '../events/run-events';
import type { RecordingToolProxy } from '../recording-tool-proxy';
import type { ApprovalRecord, RunApprovals } from './run-approvals';
import { RunSuspendedSignal } from './run-suspended';

/** The step-log names of waits: `approval.request` and `sleep.until` in a run's tool executions. */
export const APPROVAL_STEP = { tool: 'approval', action: 'request' } as const;
export const SLEEP_STEP = { tool: 'sleep', action: 'until' } as const;
export const CHILD_STEP = { tool: 'run', action: 'wait' } as const;

/** How often a parent waiting for a child looks again by itself, should the child's wake-up be lost (a child may wait days for a person: each look is a resumption). */
export const CHILD_RECHECK_MS = 300_000;

const FINAL = new Set(['COMPLETED', 'FAILED', 'CANCELLED', 'TIMED_OUT']);

/** Reads a run by id (the engine's run reads). */
export type RunLookup = (runId: string) => Promise<{ id: string; organizationId: string; parentRunId: string | null; status: string; output: unknown; errorClass: string | null; errorMessage: string | null } | null>;

export class InvalidWaitError extends Error {
  override readonly name = 'InvalidWaitError';
}

/**
 * The waits of one attempt, as steps of its step log (numbered by the attempt's tool proxy, so a
 * resumed run replays them in order). A wait that must really wait records what it waits for and
 * throws RunSuspendedSignal; the resumed attempt finds the decision or the passed time and goes on.
 */
export class RunWaitSteps implements RunWaits {
  readonly approval: ApprovalGate = { request: (request) => this.requestApproval(request) };

  constructor(
    private readonly proxy: RecordingToolProxy,
    private readonly approvals: RunApprovals,
    private readonly events: RunEvents,
    private readonly run: { id: string; organizationId: string },
    /** Told when this wait recorded its approval's expiry (a metric). */
    private readonly onExpired?: () => void,
    private readonly lookup?: RunLookup,
  ) {}

  async waitForRun(runId: string): Promise<ChildRunOutcome> {
    const step = this.proxy.nextStep();
    const replayed = await this.proxy.replayed(step, CHILD_STEP.tool, CHILD_STEP.action);
    if (replayed) return replayed.output as unknown as ChildRunOutcome;
    const child = await this.lookup?.(runId);
    if (!child || child.organizationId !== this.run.organizationId || child.parentRunId !== this.run.id) throw new InvalidWaitError(`run ${runId} was not started by this run`);
    if (!FINAL.has(child.status)) {
      throw new RunSuspendedSignal({ status: 'WAITING', wakeAt: new Date(Date.now() + CHILD_RECHECK_MS), event: 'run.waiting', data: { step, runId }, childRunId: runId });
    }
    const outcome: ChildRunOutcome = { runId, status: child.status, output: child.output ?? null, errorClass: child.errorClass, errorMessage: child.errorMessage };
    await this.proxy.recordSettled(step, CHILD_STEP.tool, CHILD_STEP.action, { runId }, outcome);
    return outcome;
  }

  async requestApproval(request: ApprovalRequest): Promise<ApprovalDecision> {
    if (typeof request?.title !== 'string' || request.title.trim() === '' || request.title.length > 300) throw new InvalidWaitError('an approval needs a title of 1 to 300 characters');
    if (request.expiresInMs !== undefined && !(Number.isInteger(request.expiresInMs) && request.expiresInMs > 0)) throw new InvalidWaitError('expiresInMs must be a positive whole number of milliseconds');
    const step = this.proxy.nextStep();
    const replayed = await this.proxy.replayed(step, APPROVAL_STEP.tool, APPROVAL_STEP.action);
    if (replayed) return replayed.output as unknown as ApprovalDecision;

    const approval = await this.approvals.open({
      organizationId: this.run.organizationId,
      runId: this.run.id,
      step,
      title: request.title,
      summary: request.summary,
      payload: redactForStorage(request.payload ?? {}),
      expiresAt: request.expiresInMs ? new Date(Date.now() + request.expiresInMs) : undefined,
    });
    if (approval.expiredNow) {
      await this.events.append(this.run, 'run.approval_decided', { approvalId: approval.id, step, decision: 'expired' });
      this.onExpired?.();
    }
    if (approval.status === 'PENDING') {
      throw new RunSuspendedSignal({
        status: 'AWAITING_APPROVAL',
        wakeAt: approval.expiresAt,
        event: 'run.approval_requested',
        data: { approvalId: approval.id, step, title: approval.title, summary: approval.summary, expiresAt: approval.expiresAt },
        approvalId: approval.id,
      });
    }
    const decision = decisionOf(approval);
    await this.proxy.recordSettled(step, APPROVAL_STEP.tool, APPROVAL_STEP.action, { approvalId: approval.id, title: approval.title }, decision);
    return decision;
  }

  sleep(ms: number): Promise<void> {
    if (!Number.isFinite(ms) || ms < 0) return Promise.reject(new InvalidWaitError('a sleep needs a duration of 0 ms or more'));
    return this.sleepUntil(new Date(Date.now() + ms));
  }

  async sleepUntil(until: Date): Promise<void> {
    if (!(until instanceof Date) || Number.isNaN(until.getTime())) throw new InvalidWaitError('sleepUntil needs a valid Date');
    const step = this.proxy.nextStep();
    // The first attempt's wake-up time is the one kept: a resumed run computes `until` again from its own clock.
    const replayed = await this.proxy.replayed(step, SLEEP_STEP.tool, SLEEP_STEP.action);
    const wakeAt = replayed ? new Date((replayed.output as { until: string }).until) : until;
    if (!replayed) await this.proxy.recordSettled(step, SLEEP_STEP.tool, SLEEP_STEP.action, { until: until.toISOString() }, { until: until.toISOString() });
    if (wakeAt.getTime() <= Date.now()) return;
    throw new RunSuspendedSignal({ status: 'WAITING', wakeAt, event: 'run.waiting', data: { step, until: wakeAt.toISOString() } });
  }
}

function decisionOf(approval: ApprovalRecord): ApprovalDecision {
  const decision = approval.status === 'APPROVED' ? 'approved' : approval.status === 'REJECTED' ? 'rejected' : 'expired';
  return {
    approved: decision === 'approved',
    decision,
    ...(approval.edits && typeof approval.edits === 'object' && !Array.isArray(approval.edits) ? { edits: approval.edits } : {}),
    reviewer: approval.reviewerId,
    ...(approval.comment ? { comment: approval.comment } : {}),
    decidedAt: new Date(approval.decidedAt ?? Date.now()).toISOString(),
  };
}
