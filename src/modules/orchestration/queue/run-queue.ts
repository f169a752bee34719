import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { Queue } from 'bullmq';
import { PinoLogger } from 'nestjs-pino';
import { RedisService } from '../../../infra/redis/redis.service';
import { QueueMetrics } from '../../telemetry/queue-metrics';
import { AGENT_RUN_QUEUE, type RunJob, runJobId } from './run-job';

const CONSUMER_CHECK_MS = 5_000;

@Injectable()
export class RunQueue implements OnModuleInit, OnApplicationShutdown {
  private unregisterPending?: () => void;
  private consumers = { known: true, at: 0 };

  constructor(
    @InjectQueue(AGENT_RUN_QUEUE) private readonly queue: Queue<RunJob>,
    private readonly redis: RedisService,
    private readonly metrics: QueueMetrics,
    private readonly logger: PinoLogger,
  ) {
    logger.setContext(RunQueue.name);
  }

  onModuleInit(): void {
    // Connection errors surface through readiness; an unhandled 'error' event would crash the process.
    this.queue.on('error', () => undefined);
    this.unregisterPending = this.metrics.watchDepth([this.queue], () => this.redis.isAvailable);
  }

  assertAvailable(): void {
    this.redis.assertAvailable('async runs');
  }

  /** A new run's first job: its id is fresh, so the add always adds. Delayed until `notBefore` (runAt) when given. */
  async enqueue(job: RunJob, generation: number, notBefore?: Date): Promise<void> {
    this.assertAvailable();
    await this.queue.add('run', job, { jobId: runJobId(job.runId, generation), delay: delayUntil(notBefore) });
    this.metrics.jobAdded(AGENT_RUN_QUEUE);
    this.logger.debug({ runId: job.runId, generation }, 'run enqueued');
  }

  /**
   * For a run that is QUEUED in the database but may have no live job (the sweeper's re-adds):
   * adds the job when none exists, and puts it back in the queue when it already ended, as a job
   * whose processing failed for an infrastructure reason (the database was down) does, under the
   * deterministic id that would make a plain add a silent no-op. A waiting or active job is left
   * alone. Answers whether a job (re)entered the queue; only those count as added.
   *
   * `notBefore`: a wake-up (a sleep's end, an approval's expiry), added as a delayed job. Without
   * it, a delayed job of the run is promoted to run now: an approval decided before its expiry.
   */
  async ensureQueued(job: RunJob, generation: number, notBefore?: Date): Promise<boolean> {
    this.assertAvailable();
    const jobId = runJobId(job.runId, generation);
    const existing = await this.queue.getJob(jobId);
    if (!existing) {
      await this.queue.add('run', job, { jobId, delay: delayUntil(notBefore) });
    } else {
      const state = await existing.getState();
      if (state === 'delayed' && !notBefore) {
        // Another process may promote it first: either way it runs now.
        await existing.promote().catch(() => undefined);
        return true;
      }
      if (state !== 'failed' && state !== 'completed') return false;
      try {
        await existing.retry(state);
      } catch {
        return false; // another process's sweeper moved it first
      }
    }
    this.metrics.jobAdded(AGENT_RUN_QUEUE);
    this.logger.debug({ runId: job.runId, generation }, 'run (re)queued');
    return true;
  }

  /**
   * Whether any worker consumes agent.run now (BullMQ's registered workers on Redis), asked at
   * most every few seconds: false only when Redis answered that none does; unknown (a Redis that
   * refuses CLIENT LIST, say) counts as true, so no false alarm is raised.
   */
  async hasConsumers(): Promise<boolean> {
    if (Date.now() - this.consumers.at > CONSUMER_CHECK_MS) {
      const count = await this.queue.getWorkersCount().catch(() => undefined);
      this.consumers = { known: count === undefined ? true : count > 0, at: Date.now() };
    }
    return this.consumers.known;
  }

  onApplicationShutdown(): void {
    this.unregisterPending?.();
  }
}

/** BullMQ's delay: milliseconds from now, 0 when the time has come. */
function delayUntil(notBefore: Date | undefined): number {
  return notBefore ? Math.max(0, notBefore.getTime() - Date.now()) : 0;
}
