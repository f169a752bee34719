import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, OnApplicationBootstrap } from '@nestjs/common';
import type { Job } from 'bullmq';
import { CLS_ID, ClsService } from 'nestjs-cls';
import { PinoLogger } from 'nestjs-pino';
import { APP_CONFIG } from '../../../config/config.module';
import type { AppConfig } from '../../../config/app-config';
import type { RequestContext } from '../../../infra/cls/request-context';
import { AGENT_RUN_QUEUE } from '../../../infra/queue/queue.module';
import { AgentRegistry } from '../../agents/agent-registry';
import { QueueMetrics } from '../../telemetry/queue-metrics';
import { CircuitOpenError } from '../../policies/policy-errors';
import { RunExecutor } from '../run-executor';
import { RunsRepository } from '../runs.repository';
import type { RunJob } from './run-job';

/**
 * Executes queued runs. Thin: it claims the run (a conditional update, so a duplicate or
 * recovered job never runs a run twice) and hands it to the executor, inside a CLS context
 * carrying the run's organization, user and originating request id.
 */
@Processor(AGENT_RUN_QUEUE, { autorun: false })
export class RunJobProcessor extends WorkerHost implements OnApplicationBootstrap {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly agents: AgentRegistry,
    private readonly runs: RunsRepository,
    private readonly executor: RunExecutor,
    private readonly cls: ClsService<RequestContext>,
    private readonly metrics: QueueMetrics,
    private readonly logger: PinoLogger,
  ) {
    super();
    logger.setContext(RunJobProcessor.name);
  }

  /** Worker options come from validated config, which decorators cannot read. */
  onApplicationBootstrap(): void {
    this.worker.concurrency = this.config.worker.concurrency;
    Object.assign(this.worker.opts, { lockDuration: this.config.worker.lockMs, stalledInterval: Math.max(1000, Math.floor(this.config.worker.lockMs / 2)) });
    this.worker.on('error', (error) => this.logger.warn({ reason: error.message }, 'worker connection error'));
    void this.worker.run();
  }

  async process(job: Job<RunJob>): Promise<{ status: string } | { skipped: true }> {
    return this.cls.run(async () => {
      this.cls.set(CLS_ID, job.data.requestId ?? `job-${job.id}`);
      this.cls.set('organizationId', job.data.organizationId);
      if (job.data.userId) this.cls.set('userId', job.data.userId);
      const stored = await this.runs.find(job.data.runId);
      if (!stored) return { skipped: true as const };
      const agent = this.agents.get(stored.agent.name);
      const input = await this.agents.parseInput(agent, stored.input);
      const { leaseMs, maxAttempts } = { ...this.config.runs, ...agent.definition.policy };
      try {
        const run = await this.executor.execute(agent, input, () => this.runs.claim(stored.id, this.executor.owner, leaseMs, maxAttempts, stored.agent.name));
        return run ? { status: 'EXECUTED' } : { skipped: true as const };
      } catch (error) {
        if (!(error instanceof CircuitOpenError)) throw error;
        // The agent's circuit is open in this process: the run ends without executing, and says why.
        await this.runs.finish(stored.id, 'QUEUED', 'FAILED', { errorClass: 'CircuitOpenError', errorMessage: error.message });
        return { status: 'FAILED' };
      }
    });
  }

  @OnWorkerEvent('completed')
  onCompleted(): void {
    this.metrics.jobCompleted(AGENT_RUN_QUEUE);
  }

  @OnWorkerEvent('failed')
  onFailed(): void {
    this.metrics.jobFailed(AGENT_RUN_QUEUE);
  }
}
