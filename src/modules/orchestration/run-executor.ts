import { Inject, Injectable } from '@nestjs/common';
import { ExponentialBackoff, handleWhen, retry, timeout, TimeoutStrategy } from 'cockatiel';
import { PinoLogger } from 'nestjs-pino';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/app-config';
import { redactForStorage } from '../../infra/logging/redaction';
import { errorClassOf, isRetryable } from '../../infra/resilience/classified-error';
import { AgentRegistry, type RegisteredAgent } from '../agents/agent-registry';
import { CircuitBreakers } from '../policies/circuit-breakers';
import { RunMetrics } from '../telemetry/run-metrics';
import { ToolRegistry } from '../tools/tool-registry';
import { CancellationHub } from './cancellation-hub';
import { RunQueue } from './queue/run-queue';
import { RunLedger } from './persistence/run-ledger';
import { RunReads } from './persistence/run-reads';
import { StepLog } from './persistence/step-log';
import { RunModel } from '../agents/run-model';
import { RecordingToolProxy } from './recording-tool-proxy';
import { RunCommitter, RunNoLongerOwnedError } from './run-committer';
import { LeaseLostError, RunCancelledError, RunHandedBackError, RunTimedOutError } from './run-errors';
import { RunLease } from './run-lease';
import type { RunStart } from './run-start';
import { type FailedRunStatus, type FinishedRun, type RunRecord, type ToolExecutionRecord } from './run.records';
import { ParentWake } from './children/parent-wake';
import { RunEvents } from './events/run-events';
import { RunApprovals } from './waits/run-approvals';
import { RunSuspendedSignal } from './waits/run-suspended';
import { RunWaitSteps } from './waits/run-wait-steps';

export const HANDED_BACK_WARNING = 'this process shut down before the run finished: it was handed back and continues on another process; follow it with GET /v1/runs/:id';

type Ending =
  | { kind: 'completed'; run: RunRecord }
  | { kind: 'failed'; status: FailedRunStatus; error: Error }
  | { kind: 'handed-back' }
  | { kind: 'suspended'; wait: RunSuspendedSignal['suspension'] };

export interface RunPolicy {
  timeoutMs: number;
  maxAttempts: number;
  retryBaseDelayMs: number;
  leaseMs: number;
}

/**
 * The AgentRun interceptor: executes one run from its RUNNING row to a final status, with the
 * policies in order: circuit breaker, retry (retryable failures only, exponential backoff with
 * jitter), and a timeout over the whole run. Each transition is recorded exactly once, durably;
 * no transaction spans the agent's work. It answers with the run as it ended and its tool
 * executions, from the rows its writes returned: nothing is re-read after a run ends.
 */
@Injectable()
export class RunExecutor {
  /** Identifies this process as a lease owner. */
  readonly owner = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly agents: AgentRegistry,
    private readonly ledger: RunLedger,
    private readonly reads: RunReads,
    private readonly steps: StepLog,
    private readonly tools: ToolRegistry,
    private readonly breakers: CircuitBreakers,
    private readonly committer: RunCommitter,
    private readonly cancellations: CancellationHub,
    private readonly queue: RunQueue,
    private readonly metrics: RunMetrics,
    private readonly approvals: RunApprovals,
    private readonly events: RunEvents,
    private readonly parents: ParentWake,
    private readonly logger: PinoLogger,
  ) {
    logger.setContext(RunExecutor.name);
  }

  policyOf(agent: RegisteredAgent): RunPolicy {
    const { timeoutMs, maxAttempts, retryBaseDelayMs, leaseMs } = { ...this.config.runs, ...agent.definition.policy };
    return { timeoutMs, maxAttempts, retryBaseDelayMs, leaseMs };
  }

  /**
   * The row is created or claimed inside the breaker, so an open circuit creates no run (sync) or
   * claims none (worker): CircuitOpenError is then the caller's. Null when there was nothing to
   * do (another process has the run, it was cancelled while queued). A run handed back at
   * shutdown answers QUEUED, with a warning.
   */
  async execute(agent: RegisteredAgent, start: RunStart): Promise<FinishedRun | null> {
    let begun: RunRecord | null = null;
    let finished: FinishedRun | null = null;
    let startFailed: { error: unknown } | undefined;
    try {
      const organizationId = start.kind === 'create' ? start.run.organizationId : start.organizationId;
      await this.breakers.execute({ organizationId, agent: agent.definition.name }, async () => {
        try {
          begun = await this.begin(agent, start);
        } catch (error) {
          // Not the agent's failure (a lost idempotency race, say): kept out of the breaker's count.
          startFailed = { error };
          return;
        }
        if (!begun) return;
        const { result, failure } = await this.executeBegun(agent, start, begun);
        finished = result;
        // Rethrown only so the breaker counts it; the failure is already on the run's record.
        if (failure) throw failure;
      });
    } catch (error) {
      if (!begun) throw error;
    }
    if (startFailed) throw startFailed.error;
    return finished;
  }

  private async begin(agent: RegisteredAgent, start: RunStart): Promise<RunRecord | null> {
    const { leaseMs, maxAttempts } = this.policyOf(agent);
    if (start.kind === 'create') return this.ledger.insert(start.run, { owner: this.owner, leaseMs });
    const claimed = await this.ledger.claim(start.runId, this.owner, leaseMs, maxAttempts);
    if (!claimed) await this.endIfExhausted(start.runId, maxAttempts);
    return claimed;
  }

  /**
   * A claim finds nothing to do when another process has the run or it already ended, and also
   * when a QUEUED run has used up its agent's attempts: that one must end, or it waits forever.
   */
  private async endIfExhausted(runId: string, maxAttempts: number): Promise<void> {
    const run = await this.reads.find(runId);
    if (run?.status !== 'QUEUED' || run.attempt - run.attemptsBeforeWait < maxAttempts) return;
    const message = `the run used its ${run.attempt} of ${maxAttempts} attempts before it could finish`;
    if (await this.ledger.finish(runId, 'QUEUED', 'FAILED', { errorClass: 'AttemptsExhaustedError', errorMessage: message })) {
      this.logger.warn({ runId, agent: run.agentName, attempts: run.attempt }, 'queued run ended: no attempts left');
    }
  }

  private async executeBegun(agent: RegisteredAgent, start: RunStart, run: RunRecord): Promise<{ result: FinishedRun | null; failure?: Error }> {
    const { name } = agent.definition;
    const policy = this.policyOf(agent);
    const controller = new AbortController();
    const unregister = this.cancellations.register(run.id, controller);
    const lease = new RunLease(this.ledger, run.id, this.owner, policy.leaseMs, controller);
    const startedAt = run.startedAt ?? new Date();
    const recorded: ToolExecutionRecord[] = [];
    let ending: Ending;
    try {
      ending = await this.attempts(agent, start, run, policy, controller, recorded);
    } finally {
      lease.stop();
      unregister();
    }

    if (ending.kind === 'handed-back') return { result: await this.handBack(agent, run, recorded) };
    if (ending.kind === 'suspended') return { result: await this.suspend(agent, run, ending.wait, recorded) };
    if (ending.kind === 'completed') {
      this.finished(name, 'COMPLETED', startedAt);
      this.logger.info({ runId: run.id, agent: name }, 'run completed');
      await this.parents.childEnded(run);
      return { result: { run: ending.run, toolExecutions: await this.toolExecutionsOf(run, recorded) } };
    }
    const errorClass = errorClassOf(ending.error);
    let ended = await this.ledger.finish(run.id, 'RUNNING', ending.status, { errorClass, errorMessage: ending.error.message }, this.owner);
    if (ended) {
      this.finished(name, ending.status, startedAt);
      await this.parents.childEnded(run);
    }
    // Taken over (lost lease) or ended elsewhere meanwhile: answer with the row as it stands.
    ended ??= await this.reads.find(run.id);
    this.logger.info({ runId: run.id, agent: name, status: ending.status, errorClass }, 'run ended without completing');
    const failure = ending.status === 'CANCELLED' ? undefined : ending.error;
    return { result: ended && { run: ended, toolExecutions: await this.toolExecutionsOf(run, recorded), failure }, failure };
  }

  /**
   * QUEUED again, with a job for another process, which resumes the run from its step log. If
   * Redis is away the job is not added here, and the sweeper adds it once the run looks stale.
   */
  private async handBack(agent: RegisteredAgent, run: RunRecord, recorded: ToolExecutionRecord[]): Promise<FinishedRun | null> {
    const queued = await this.ledger.handBack(run.id, this.owner);
    if (!queued) return null;
    const job = { runId: run.id, agent: agent.definition.name, organizationId: run.organizationId, userId: run.userId ?? undefined };
    await this.queue.ensureQueued(job, queued.attempt).catch((error: Error) => this.logger.warn({ runId: run.id, reason: error.message }, 'handed-back run not enqueued; the sweeper will'));
    this.logger.info({ runId: run.id, agent: agent.definition.name }, 'run handed back at shutdown');
    return { run: queued, toolExecutions: await this.toolExecutionsOf(run, recorded), warning: HANDED_BACK_WARNING };
  }

  /**
   * Released to wait: the row says until when (or for which decision) and the lease is given up;
   * a delayed job wakes it at its time. A decision that landed while this process was releasing
   * the run finds it not yet AWAITING_APPROVAL, so the decision is looked for again here, after the
   * release: one of the two sides always queues the run (both may; the job id is the same).
   */
  private async suspend(agent: RegisteredAgent, run: RunRecord, wait: RunSuspendedSignal['suspension'], recorded: ToolExecutionRecord[]): Promise<FinishedRun | null> {
    const waiting = await this.ledger.suspend(run.id, this.owner, wait);
    if (!waiting) {
      // A cancel was asked for (or the run was taken over): it must not wait.
      const cancelled = await this.ledger.finish(run.id, 'RUNNING', 'CANCELLED', { errorClass: 'CancelledError', errorMessage: 'cancelled as it began to wait' }, this.owner);
      const current = cancelled ?? (await this.reads.find(run.id));
      return current && { run: current, toolExecutions: await this.toolExecutionsOf(run, recorded) };
    }
    const job = { runId: run.id, agent: agent.definition.name, organizationId: run.organizationId, userId: run.userId ?? undefined };
    let answer = waiting;
    if (wait.approvalId && (await this.approvals.isDecided(wait.approvalId))) {
      answer = (await this.ledger.resumeDecided(run.id)) ?? waiting;
      await this.queue.ensureQueued(job, waiting.attempt).catch((error: Error) => this.logger.warn({ runId: run.id, reason: error.message }, 'decided run not enqueued; the sweeper will'));
    } else if (wait.childRunId && (await this.parents.ifEndedAlready(run.id, wait.childRunId).catch(() => false))) {
      // The child ended while this run was being released: it was queued to resume now.
    } else if (wait.wakeAt) {
      await this.queue.ensureQueued(job, waiting.attempt, wait.wakeAt).catch((error: Error) => this.logger.warn({ runId: run.id, reason: error.message }, 'wake-up not scheduled; the sweeper will'));
    }
    this.metrics.runWaited(agent.definition.name, wait.status);
    this.logger.info({ runId: run.id, agent: agent.definition.name, status: wait.status, wakeAt: wait.wakeAt }, 'run released to wait');
    return { run: answer, toolExecutions: await this.toolExecutionsOf(run, recorded) };
  }

  /** Retries inside the run's timeout; every attempt gets its own tool proxy and deferred writes. */
  private async attempts(agent: RegisteredAgent, start: RunStart, run: RunRecord, policy: RunPolicy, controller: AbortController, recorded: ToolExecutionRecord[]): Promise<Ending> {
    const timeoutPolicy = timeout(policy.timeoutMs, TimeoutStrategy.Cooperative);
    let timedOut = false;
    timeoutPolicy.onTimeout(() => (timedOut = true));
    const retryPolicy = retry(handleWhen(isRetryable), {
      maxAttempts: Math.max(0, policy.maxAttempts - (run.attempt - run.attemptsBeforeWait)),
      backoff: new ExponentialBackoff({ initialDelay: policy.retryBaseDelayMs, maxDelay: 10_000 }),
    });
    try {
      // A recovered run: whatever its dead process left mid-call is closed before anything is replayed.
      if (run.attempt > 1) await this.steps.interruptEarlier(run.id, run.attempt);
      const input = start.kind === 'create' ? start.input : await this.agents.parseInput(agent, run.input);
      const { output, writes } = await timeoutPolicy.execute(({ signal }) =>
        retryPolicy.execute(async ({ attempt: retryIndex }) => {
          const attempt = retryIndex === 0 ? run.attempt : await this.ledger.nextAttempt(run.id, this.owner);
          if (attempt === null) throw new LeaseLostError();
          const writes: Array<() => Promise<void>> = [];
          const tools = new RecordingToolProxy(
            { tools: this.tools, steps: this.steps, metrics: this.metrics },
            { runId: run.id, organizationId: run.organizationId, agent: agent.definition.name, attempt, allowedTools: agent.definition.tools, signal, onTextDelta: (step, delta) => this.events.textDelta(run.id, step, delta) },
          );
          const waits = new RunWaitSteps(tools, this.approvals, this.events, run, () => this.metrics.approvalDecided('expired'), (id) => this.reads.find(id));
          try {
            const output = await agent.handler.run(input, {
              runId: run.id,
              organizationId: run.organizationId,
              userId: run.userId ?? undefined,
              attempt,
              intent: run.intent ?? undefined,
              signal,
              tools,
              model: new RunModel(tools, (name) => this.tools.describe(name)),
              approval: waits.approval,
              sleep: (ms) => waits.sleep(ms),
              sleepUntil: (until) => waits.sleepUntil(until),
              waitForRun: (runId) => waits.waitForRun(runId),
              usage: () => ({ ...tools.usage }),
              onCommit: (write) => writes.push(write),
            });
            return { output, writes };
          } finally {
            recorded.push(...tools.recorded);
          }
        }, signal),
        controller.signal,
      );
      const completed = await this.committer.commit(run.id, this.owner, redactForStorage(output), writes);
      return { kind: 'completed', run: completed };
    } catch (caught) {
      return this.classify(caught, controller.signal, timedOut, policy.timeoutMs);
    }
  }

  private classify(caught: unknown, runSignal: AbortSignal, timedOut: boolean, timeoutMs: number): Ending {
    if (caught instanceof RunSuspendedSignal) return { kind: 'suspended', wait: caught.suspension };
    const reason: unknown = runSignal.aborted ? runSignal.reason : undefined;
    if (reason instanceof RunHandedBackError) return { kind: 'handed-back' };
    if (reason instanceof RunCancelledError || caught instanceof RunNoLongerOwnedError) return { kind: 'failed', status: 'CANCELLED', error: new RunCancelledError() };
    if (reason instanceof LeaseLostError) return { kind: 'failed', status: 'FAILED', error: reason };
    if (timedOut) return { kind: 'failed', status: 'TIMED_OUT', error: new RunTimedOutError(timeoutMs) };
    return { kind: 'failed', status: 'FAILED', error: caught instanceof Error ? caught : new Error(String(caught)) };
  }

  /** A first attempt's rows are all in hand; a recovered run also has rows from earlier processes. */
  private async toolExecutionsOf(run: RunRecord, recorded: ToolExecutionRecord[]): Promise<ToolExecutionRecord[]> {
    if (run.attempt > 1) return this.steps.forRun(run.id);
    return recorded.sort((a, b) => a.step - b.step || a.attempt - b.attempt);
  }

  private finished(agent: string, status: string, startedAt: Date): void {
    this.metrics.runFinished(agent, status, (Date.now() - startedAt.getTime()) / 1000);
  }
}
