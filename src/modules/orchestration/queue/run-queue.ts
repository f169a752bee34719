import { Inject, Injectable, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import type { JobsOptions, Queue } from 'bullmq';
import { PinoLogger } from 'nestjs-pino';
import { RedisService } from '../../../infra/redis/redis.service';
import type { RunQueueName } from '../../agents/agent-queues';
import { AgentRegistry } from '../../agents/agent-registry';
import { QueueMetrics } from '../../telemetry/queue-metrics';
import { AGENT_RUN_QUEUE, type RunJob, runJobId } from './run-job';
import { RUN_QUEUE_SET, type RunQueueSet } from './run-queues.provider';

const CONSUMER_CHECK_MS = 5_000;

/**
 * The producer side of the run queues: a run's job goes to its agent's queue (agent.run unless the
 * agent names a stage queue), for its whole life, wake-ups included.
 */
@Injectable()
export class RunQueue implements OnModuleInit, OnApplicationShutdown {
  private unregisterPending?: () => void;
  private readonly consumers = new Map<RunQueueName, { known: boolean; at: number }>();

  constructor(
    @Inject(RUN_QUEUE_SET) private readonly queues: RunQueueSet,
    private readonly agents: AgentRegistry,
    private readonly redis: RedisService,
    private readonly metrics: QueueMetrics,
    private readonly logger: PinoLogger,
  ) {
    logger.setContext(RunQueue.name);
  }

  onModuleInit(): void {
    // Connection errors surface through readiness; an unhandled 'error' event would crash the process.
    for (const queue of this.queues.values()) queue.on('error', () => undefined);
    this.unregisterPending = this.metrics.watchDepth([...this.queues.values()], () => this.redis.isAvailable);
  }

  /** The queue of `agent`'s runs; a job from before jobs named their agent, or of an agent no longer offered, travels on agent.run. */
  queueNameOf(agent: string | undefined): RunQueueName {
    return (agent && this.agents.find(agent)?.definition.queue) || AGENT_RUN_QUEUE;
  }

  private queueOf(job: RunJob): Queue<RunJob> {
    return this.queues.get(this.queueNameOf(job.agent))!;
  }

  /** A job under an id of the caller's (a parked run's hand-off), on the run's queue. */
  async add(job: RunJob, options: JobsOptions & { jobId: string }): Promise<void> {
    await this.queueOf(job).add('run', job, options);
    this.metrics.jobAdded(this.queueNameOf(job.agent));
  }

  assertAvailable(): void {
    this.redis.assertAvailable('async runs');
  }

  /** A new run's first job: its id is fresh, so the add always adds. Delayed until `notBefore` (runAt) when given. */
  async enqueue(job: RunJob, generation: number, notBefore?: Date): Promise<void> {
    this.assertAvailable();
    await this.add(job, { jobId: runJobId(job.runId, generation), delay: delayUntil(notBefore) });
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
    const existing = await this.queueOf(job).getJob(jobId);
    if (!existing) {
      await this.add(job, { jobId, delay: delayUntil(notBefore) });
      this.logger.debug({ runId: job.runId, generation }, 'run (re)queued');
      return true;
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
    this.metrics.jobAdded(this.queueNameOf(job.agent));
    this.logger.debug({ runId: job.runId, generation }, 'run (re)queued');
    return true;
  }

  /**
   * Whether any worker consumes `agent`'s queue now (BullMQ's registered workers on Redis), asked
   * at most every few seconds per queue: false only when Redis answered that none does; unknown (a
   * Redis that refuses CLIENT LIST, say) counts as true, so no false alarm is raised.
   */
  async hasConsumers(agent?: string): Promise<boolean> {
    const name = this.queueNameOf(agent);
    const cached = this.consumers.get(name);
    if (cached && Date.now() - cached.at <= CONSUMER_CHECK_MS) return cached.known;
    const count = await this.queues.get(name)!.getWorkersCount().catch(() => undefined);
    const known = count === undefined ? true : count > 0;
    this.consumers.set(name, { known, at: Date.now() });
    return known;
  }

  onApplicationShutdown(): void {
    this.unregisterPending?.();
  }
}

/** BullMQ's delay: milliseconds from now, 0 when the time has come. */
function delayUntil(notBefore: Date | undefined): number {
  return notBefore ? Math.max(0, notBefore.getTime() - Date.now()) : 0;
}
