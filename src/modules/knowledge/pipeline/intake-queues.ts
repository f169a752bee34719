import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { PinoLogger } from 'nestjs-pino';
import { RedisService } from '../../../infra/redis/redis.service';
import { QueueMetrics } from '../../telemetry/queue-metrics';
import { INTAKE_QUEUES, intakeJobId, type IntakeJob, type IntakeStage } from './intake-jobs';

/** The producer side of the three intake queues. */
@Injectable()
export class IntakeQueues implements OnModuleInit, OnApplicationShutdown {
  private readonly queues: Record<IntakeStage, Queue<IntakeJob>>;
  private unregisterPending?: () => void;

  constructor(
    @InjectQueue(INTAKE_QUEUES.fetch) fetch: Queue<IntakeJob>,
    @InjectQueue(INTAKE_QUEUES.normalize) normalize: Queue<IntakeJob>,
    @InjectQueue(INTAKE_QUEUES.embed) embed: Queue<IntakeJob>,
    private readonly redis: RedisService,
    private readonly metrics: QueueMetrics,
    private readonly logger: PinoLogger,
  ) {
    logger.setContext(IntakeQueues.name);
    this.queues = { fetch, normalize, embed };
  }

  onModuleInit(): void {
    // Connection errors surface through readiness; an unhandled 'error' event would crash the process.
    for (const queue of Object.values(this.queues)) queue.on('error', () => undefined);
    this.unregisterPending = this.metrics.watchDepth(Object.values(this.queues), () => this.redis.isAvailable);
  }

  /** A clear 503 before anything is written, rather than a document no job will ever pick up. */
  assertAvailable(): void {
    this.redis.assertAvailable('knowledge intake');
  }

  /**
   * Makes sure the stage's job for this document version will run: added when absent, put back
   * when it already ended (a re-ingest of the same version, or a job whose processing failed for
   * an infrastructure reason), left alone while it waits or runs. Answers whether a job (re)entered
   * the queue.
   */
  async ensureQueued(stage: IntakeStage, job: IntakeJob): Promise<boolean> {
    this.assertAvailable();
    const queue = this.queues[stage];
    const jobId = intakeJobId(stage, job.documentId, job.version);
    const existing = await queue.getJob(jobId);
    if (!existing) {
      await queue.add(stage, job, { jobId });
    } else {
      const state = await existing.getState();
      if (state !== 'failed' && state !== 'completed') return false;
      try {
        await existing.retry(state, { resetAttemptsMade: true, resetAttemptsStarted: true });
      } catch {
        return false; // another process moved it first
      }
    }
    this.metrics.jobAdded(queue.name);
    this.logger.debug({ documentId: job.documentId, version: job.version, stage }, 'intake job queued');
    return true;
  }

  onApplicationShutdown(): void {
    this.unregisterPending?.();
  }
}
