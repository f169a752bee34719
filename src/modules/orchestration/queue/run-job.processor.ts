import { OnWorkerEvent, WorkerHost } from '@nestjs/bullmq';
import { Inject, OnApplicationBootstrap } from '@nestjs/common';
import { DelayedError, type Job } from 'bullmq';
import { CLS_ID, ClsService } from 'nestjs-cls';
import { PinoLogger } from 'nestjs-pino';
import { APP_CONFIG } from '../../../config/config.module';
import type { AppConfig } from '../../../config/app-config';
import { enterCallerIdentity, type RequestContext } from '../../../infra/cls/request-context';
import { AgentRegistry } from '../../agents/agent-registry';
import { CircuitOpenError } from '../../policies/policy-errors';
import { QueueMetrics } from '../../telemetry/queue-metrics';
import { RunLedger } from '../persistence/run-ledger';
import { RunReads } from '../persistence/run-reads';
import { RunExecutor } from '../run-executor';
import { OrganizationSlotGate } from './organization-slot-gate';
import { WAITING_STATUSES } from '../run.records';
import { AGENT_RUN_QUEUE, type RunJob } from './run-job';
import type { RunQueueName } from '../../agents/agent-queues';

/** Retry an early wake-up at least this much later, so clocks that disagree cannot spin a job. */
const EARLY_WAKE_TOLERANCE_MS = 250;

export type RunJobResult = { status: 'EXECUTED' | 'FAILED' } | { skipped: true } | { parked: true };

/**
 * Executes queued runs. Thin: a claim (a conditional update, so a duplicate or recovered job never
 * runs a run twice) handed to the executor, inside a CLS context carrying the run's organization,
 * user and originating request id.
 */
export abstract class RunJobProcessor extends WorkerHost implements OnApplicationBootstrap {
  /** The queue this consumer takes (one subclass per run queue, run-queue-processors.ts). */
  protected abstract readonly queueName: RunQueueName;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly agents: AgentRegistry,
    private readonly ledger: RunLedger,
    private readonly reads: RunReads,
    private readonly executor: RunExecutor,
    private readonly cls: ClsService<RequestContext>,
    private readonly metrics: QueueMetrics,
    private readonly logger: PinoLogger,
    private readonly slots: OrganizationSlotGate,
  ) {
    super();
    logger.setContext(RunJobProcessor.name);
  }

  /** Worker options come from validated config, which decorators cannot read. */
  onApplicationBootstrap(): void {
    // agent.run carries most runs; a stage queue's runs are short writes to one provider, fewer at once.
    this.worker.concurrency = this.queueName === AGENT_RUN_QUEUE ? this.config.worker.concurrency : this.config.worker.stageConcurrency;
    Object.assign(this.worker.opts, { lockDuration: this.config.worker.lockMs, stalledInterval: Math.max(1000, Math.floor(this.config.worker.lockMs / 2)) });
    this.worker.on('error', (error) => this.logger.warn({ queue: this.queueName, reason: error.message }, 'worker connection error'));
    void this.worker.run();
  }

  process(job: Job<RunJob>, token?: string): Promise<RunJobResult> {
    return this.cls.run(async () => {
      this.cls.set(CLS_ID, job.data.requestId ?? `job-${job.id}`);
      enterCallerIdentity(this.cls, job.data);
      // Jobs queued before the payload named its agent carry only the run id.
      const agentName = job.data.agent ?? (await this.reads.find(job.data.runId))?.agentName;
      if (!agentName) return { skipped: true as const };
      const agent = this.agents.get(agentName);
      try {
        // Parked when its organization runs its limit already: the run stays QUEUED and is re-queued when a slot frees.
        const gated = await this.slots.around(job.data, () => this.executor.execute(agent, { kind: 'claim', runId: job.data.runId, organizationId: job.data.organizationId }));
        if (gated.parked) return { parked: true as const };
        if (gated.result) return { status: 'EXECUTED' as const };
        await this.delayIfEarly(job, token);
        return { skipped: true as const };
      } catch (error) {
        if (!(error instanceof CircuitOpenError)) throw error;
        // The agent's circuit is open in this process: the run ends without executing, and says why.
        await this.ledger.finish(job.data.runId, 'QUEUED', 'FAILED', { errorClass: 'CircuitOpenError', errorMessage: error.message });
        return { status: 'FAILED' as const };
      }
    });
  }

  /**
   * A wake-up that came before its time (this machine's clock ahead of the database's, which
   * decides): the job goes back to wait for the rest, instead of the run being left with no job.
   */
  private async delayIfEarly(job: Job<RunJob>, token: string | undefined): Promise<void> {
    const run = await this.reads.find(job.data.runId);
    if (!run?.wakeAt || !(run.status === 'QUEUED' || WAITING_STATUSES.includes(run.status)) || !token) return;
    const wakeAt = new Date(run.wakeAt).getTime();
    if (wakeAt <= Date.now() - EARLY_WAKE_TOLERANCE_MS) return;
    await job.moveToDelayed(Math.max(wakeAt, Date.now() + EARLY_WAKE_TOLERANCE_MS), token);
    throw new DelayedError();
  }

  @OnWorkerEvent('completed')
  onCompleted(): void {
    this.metrics.jobCompleted(this.queueName);
  }

  @OnWorkerEvent('failed')
  onFailed(): void {
    this.metrics.jobFailed(this.queueName);
  }
}
