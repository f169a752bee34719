import { Inject, Injectable } from '@nestjs/common';
import { ExponentialBackoff, handleWhen, retry, timeout, TimeoutStrategy } from 'cockatiel';
import { PinoLogger } from 'nestjs-pino';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/app-config';
import { redactForStorage } from '../../infra/logging/redaction';
import { isRetryable } from '../agents/agent-errors';
import type { RegisteredAgent } from '../agents/agent-registry';
import { RunMetrics } from '../telemetry/run-metrics';
import { ToolRegistry } from '../tools/tool-registry';
import { CancellationHub } from './cancellation-hub';
import { CircuitBreakers } from '../policies/circuit-breakers';
import { RecordingToolProxy, toJson } from './recording-tool-proxy';
import { RunCommitter, RunNoLongerOwnedError } from './run-committer';
import { errorClassOf, LeaseLostError, RunCancelledError, RunTimedOutError } from './run-errors';
import { RunLease } from './run-lease';
import { RunRecord, RunsRepository } from './runs.repository';
import { ToolExecutionsRepository } from './tool-executions.repository';

type FinalFailure = { status: 'FAILED' | 'CANCELLED' | 'TIMED_OUT'; error: Error };

/**
 * Executes one run from its RUNNING row to a final status, with the policies in order: circuit
 * breaker, retry (retryable failures only, exponential backoff with jitter), and a timeout over
 * the whole run. Each transition is recorded exactly once; no transaction spans the agent's work.
 */
@Injectable()
export class RunExecutor {
  /** Identifies this process as a lease owner. */
  readonly owner = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly runs: RunsRepository,
    private readonly toolLog: ToolExecutionsRepository,
    private readonly tools: ToolRegistry,
    private readonly breakers: CircuitBreakers,
    private readonly committer: RunCommitter,
    private readonly cancellations: CancellationHub,
    private readonly metrics: RunMetrics,
    private readonly logger: PinoLogger,
  ) {
    logger.setContext(RunExecutor.name);
  }

  /**
   * `begin` creates or claims the RUNNING row inside the breaker, so an open circuit creates no
   * run (sync) or claims none (worker). Resolves to the run as it began (callers re-read it when
   * they need the final state), or null when `begin` found nothing to do (another process has
   * it, or it was cancelled while queued).
   */
  async execute(agent: RegisteredAgent, input: object, begin: () => Promise<RunRecord | null>): Promise<RunRecord | null> {
    let run: RunRecord | null = null;
    let beginFailed: { error: unknown } | undefined;
    try {
      await this.breakers.execute(agent.definition.name, async () => {
        try {
          run = await begin();
        } catch (error) {
          // Not the agent's failure (a lost idempotency race, say): kept out of the breaker's count.
          beginFailed = { error };
          return;
        }
        if (run) await this.executeClaimed(agent, input, run);
      });
    } catch (error) {
      // A failure was already recorded on the run; only a refusal before any run is the caller's business.
      if (!run) throw error;
    }
    if (beginFailed) throw beginFailed.error;
    return run;
  }

  private async executeClaimed(agent: RegisteredAgent, input: object, run: RunRecord): Promise<void> {
    const { name } = agent.definition;
    const policy = { ...this.config.runs, ...agent.definition.policy };
    const controller = new AbortController();
    const unregister = this.cancellations.register(run.id, controller);
    const lease = new RunLease(this.runs, run.id, this.owner, policy.leaseMs, controller);
    const startedAt = run.startedAt ?? new Date();
    const timeoutPolicy = timeout(policy.timeoutMs, TimeoutStrategy.Cooperative);
    let timedOut = false;
    timeoutPolicy.onTimeout(() => (timedOut = true));
    const retryPolicy = retry(handleWhen(isRetryable), {
      maxAttempts: Math.max(0, policy.maxAttempts - run.attempt),
      backoff: new ExponentialBackoff({ initialDelay: policy.retryBaseDelayMs, maxDelay: 10_000 }),
    });

    try {
      const { output, writes } = await timeoutPolicy.execute(({ signal }) =>
        retryPolicy.execute(async ({ attempt: retryIndex }) => {
          const attempt = retryIndex === 0 ? run.attempt : await this.runs.nextAttempt(run.id, this.owner);
          if (attempt === null) throw new LeaseLostError();
          const writes: Array<() => Promise<void>> = [];
          const tools = new RecordingToolProxy(
            { tools: this.tools, log: this.toolLog, metrics: this.metrics },
            { runId: run.id, organizationId: run.organizationId, agent: name, attempt, allowedTools: agent.definition.tools, signal },
          );
          const output = await agent.handler.run(input, {
            runId: run.id,
            organizationId: run.organizationId,
            userId: run.userId ?? undefined,
            attempt,
            intent: run.intent ?? undefined,
            signal,
            tools,
            onCommit: (write) => writes.push(write),
          });
          return { output, writes };
        }, signal),
        controller.signal,
      );
      await this.committer.commit(run.id, this.owner, toJson(redactForStorage(output)), startedAt, writes);
      this.finished(name, 'COMPLETED', startedAt);
      this.logger.info({ runId: run.id, agent: name }, 'run completed');
    } catch (caught) {
      const failure = this.classify(caught, controller.signal, timedOut, policy.timeoutMs);
      const from = 'RUNNING';
      if (await this.runs.finish(run.id, from, failure.status, { errorClass: errorClassOf(failure.error), errorMessage: failure.error.message }, this.owner)) {
        this.finished(name, failure.status, startedAt);
      }
      this.logger.info({ runId: run.id, agent: name, status: failure.status, errorClass: errorClassOf(failure.error) }, 'run ended without completing');
      if (failure.status !== 'CANCELLED') throw failure.error;
    } finally {
      lease.stop();
      unregister();
    }
  }

  private classify(caught: unknown, runSignal: AbortSignal, timedOut: boolean, timeoutMs: number): FinalFailure {
    const reason: unknown = runSignal.aborted ? runSignal.reason : undefined;
    if (reason instanceof RunCancelledError || caught instanceof RunNoLongerOwnedError) return { status: 'CANCELLED', error: new RunCancelledError() };
    if (reason instanceof LeaseLostError) return { status: 'FAILED', error: reason };
    if (timedOut) return { status: 'TIMED_OUT', error: new RunTimedOutError(timeoutMs) };
    const error = caught instanceof Error ? caught : new Error(String(caught));
    return { status: 'FAILED', error };
  }

  private finished(agent: string, status: string, startedAt: Date): void {
    this.metrics.runFinished(agent, status, (Date.now() - startedAt.getTime()) / 1000);
  }
}
