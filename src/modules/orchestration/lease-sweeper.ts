import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import { PeriodicTask } from '../../infra/scheduling/periodic-task';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/app-config';
import { AgentRegistry } from '../agents/agent-registry';
import { type ExpiredRun, RunLedger } from './persistence/run-ledger';
import { RunQueue } from './queue/run-queue';

export interface SweepResult {
  requeued: string[];
  exhausted: string[];
  cancelled: string[];
  reenqueued: number;
}

/**
 * No run stays RUNNING after its process died: runs whose lease lapsed are requeued (attempts left
 * under their agent's own limit) or ended FAILED; a lapsed run with a cancel request ends
 * CANCELLED. QUEUED runs whose job went missing are enqueued again. Safe in every process at once:
 * each step is a conditional update, and job ids are deterministic.
 */
@Injectable()
export class LeaseSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly task: PeriodicTask<SweepResult>;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly ledger: RunLedger,
    private readonly agents: AgentRegistry,
    private readonly queue: RunQueue,
    private readonly logger: PinoLogger,
  ) {
    logger.setContext(LeaseSweeper.name);
    this.task = new PeriodicTask(() => this.sweepOnce(), Math.max(500, Math.floor(config.runs.leaseMs / 2)));
  }

  onApplicationBootstrap(): void {
    this.task.start();
  }

  sweep(): Promise<SweepResult> {
    return this.task.runNow();
  }

  private async sweepOnce(): Promise<SweepResult> {
    const result: SweepResult = { requeued: [], exhausted: [], cancelled: [], reenqueued: 0 };
    try {
      for (const run of await this.ledger.expired()) await this.reclaim(run, result);
      if (result.requeued.length || result.exhausted.length || result.cancelled.length) this.logger.warn(result, 'reclaimed runs whose process stopped');
      // A QUEUED run whose job is gone, or ended without claiming it (the database was down), gets it back.
      for (const run of await this.ledger.staleQueued(this.config.runs.leaseMs)) {
        const job = { runId: run.id, agent: run.agentName, organizationId: run.organizationId, userId: run.userId ?? undefined };
        if (await this.queue.ensureQueued(job, run.attempt)) result.reenqueued++;
      }
    } catch (error) {
      this.logger.warn({ reason: (error as Error).message }, 'lease sweep failed; retrying next interval');
    }
    return result;
  }

  private async reclaim(run: ExpiredRun, result: SweepResult): Promise<void> {
    if (run.cancelRequested) {
      if (await this.ledger.endExpired(run.id, 'CANCELLED', { errorClass: 'CancelledError', errorMessage: 'cancelled while its process was gone' })) result.cancelled.push(run.id);
      return;
    }
    if (run.attemptsSinceWait < this.maxAttemptsOf(run.agentName)) {
      if (!(await this.ledger.requeueExpired(run.id))) return;
      result.requeued.push(run.id);
      await this.queue.ensureQueued({ runId: run.id, agent: run.agentName, organizationId: run.organizationId, userId: run.userId ?? undefined }, run.attempt);
      return;
    }
    const ended = await this.ledger.endExpired(run.id, 'FAILED', { errorClass: 'LeaseExpiredError', errorMessage: `the run's process stopped after ${run.attempt} attempts` });
    if (ended) result.exhausted.push(run.id);
  }

  /** The agent's own attempt limit (connector.invoke allows one), else the deployment's. */
  private maxAttemptsOf(agentName: string): number {
    const fallback = this.config.runs.maxAttempts;
    try {
      return this.agents.get(agentName).definition.policy?.maxAttempts ?? fallback;
    } catch {
      return fallback; // an agent no longer deployed: its runs still end
    }
  }

  onApplicationShutdown(): Promise<void> {
    return this.task.stop();
  }
}
