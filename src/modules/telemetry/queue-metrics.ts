import { Injectable } from '@nestjs/common';
import { InjectMetric, makeCounterProvider, makeGaugeProvider } from '@willsoto/nestjs-prometheus';
import { Counter, Gauge } from 'prom-client';

export const QUEUE_JOBS_ADDED = 'neonhub_queue_jobs_added_total';
export const QUEUE_JOBS_COMPLETED = 'neonhub_queue_jobs_completed_total';
export const QUEUE_JOBS_FAILED = 'neonhub_queue_jobs_failed_total';
export const QUEUE_JOBS_PENDING = 'neonhub_queue_jobs_pending';
export const QUEUE_OLDEST_WAITING_AGE = 'neonhub_queue_oldest_waiting_job_age_seconds';

/** Reads a queue's waiting + delayed count from Redis, so every process reports the same truth. */
export type PendingCounter = () => Promise<Record<string, number>>;
const pendingSources = new Set<PendingCounter>();
/** Reads the age in seconds of each queue's oldest job ready to run, from Redis at scrape time. */
type AgeSource = () => Promise<Record<string, number>>;
const ageSources = new Set<AgeSource>();

export const queueMetricProviders = [
  makeCounterProvider({ name: QUEUE_JOBS_ADDED, help: 'Jobs added to a queue by this process', labelNames: ['queue'] }),
  makeCounterProvider({ name: QUEUE_JOBS_COMPLETED, help: 'Jobs this process completed', labelNames: ['queue'] }),
  makeCounterProvider({ name: QUEUE_JOBS_FAILED, help: 'Jobs this process failed', labelNames: ['queue'] }),
  makeGaugeProvider({
    name: QUEUE_JOBS_PENDING,
    help: 'Jobs waiting or delayed in a queue, read from Redis at scrape time (the same in every process)',
    labelNames: ['queue'],
    async collect(this: Gauge<string>) {
      this.reset();
      for (const source of pendingSources) {
        const counts = await source().catch(() => ({}) as Record<string, number>);
        for (const [queue, pending] of Object.entries(counts)) this.set({ queue }, pending);
      }
    },
  }),
  // Depth alone cannot tell a busy queue from a stuck one: a backlog that does not age is being worked.
  makeGaugeProvider({
    name: QUEUE_OLDEST_WAITING_AGE,
    help: 'Seconds the oldest job ready to run (waiting, not delayed) has waited in a queue, 0 when none waits; read from Redis at scrape time',
    labelNames: ['queue'],
    async collect(this: Gauge<string>) {
      this.reset();
      for (const source of ageSources) {
        const ages = await source().catch(() => ({}) as Record<string, number>);
        for (const [queue, age] of Object.entries(ages)) this.set({ queue }, age);
      }
    },
  }),
];

/** The fields of a BullMQ job that say since when it has been ready to run. */
export interface WaitingJob {
  timestamp: number;
  processedOn?: number;
  opts: { delay?: number };
}

/**
 * When a waiting job became ready: added (plus its delay), or, for a retry, after its last attempt
 * started. BullMQ zeroes `delay` when it promotes a delayed job, so the delay asked for is read from
 * `opts`; a retry's backoff is not recorded, so its age is an upper bound by that backoff.
 */
export function readySince(job: WaitingJob): number {
  return Math.max(job.timestamp + (job.opts.delay ?? 0), job.processedOn ?? 0);
}

/** What watchDepth reads of a BullMQ queue. */
export interface DepthSource {
  name: string;
  getJobCounts(...types: string[]): Promise<Record<string, number>>;
  /** BullMQ's getJobs: `asc` lists the wait list oldest first. */
  getJobs(types: 'wait'[], start: number, end: number, asc: boolean): Promise<WaitingJob[]>;
}

@Injectable()
export class QueueMetrics {
  constructor(
    @InjectMetric(QUEUE_JOBS_ADDED) private readonly added: Counter<string>,
    @InjectMetric(QUEUE_JOBS_COMPLETED) private readonly completed: Counter<string>,
    @InjectMetric(QUEUE_JOBS_FAILED) private readonly failed: Counter<string>,
  ) {}

  jobAdded(queue: string): void {
    this.added.inc({ queue });
  }

  jobCompleted(queue: string): void {
    this.completed.inc({ queue });
  }

  jobFailed(queue: string): void {
    this.failed.inc({ queue });
  }

  /** The gauge is process-global (prom-client's registry); sources come and go with app instances. */
  registerPendingSource(source: PendingCounter): () => void {
    pendingSources.add(source);
    return () => pendingSources.delete(source);
  }

  /**
   * The pending depth of `queues` (waiting, delayed, prioritized, paused) and the age of each one's
   * oldest waiting job on every scrape, while Redis is reachable: one source per queue owner, so
   * each queue is counted once per process.
   */
  watchDepth(queues: readonly DepthSource[], redisAvailable: () => boolean, now = () => Date.now()): () => void {
    const ages: AgeSource = async () => {
      if (!redisAvailable()) return {};
      const age: Record<string, number> = {};
      for (const queue of queues) {
        const [oldest] = await queue.getJobs(['wait'], 0, 0, true);
        age[queue.name] = oldest ? Math.max(0, (now() - readySince(oldest)) / 1000) : 0;
      }
      return age;
    };
    ageSources.add(ages);
    const unregisterPending = this.registerPendingSource(async () => {
      if (!redisAvailable()) return {};
      const pending: Record<string, number> = {};
      for (const queue of queues) {
        const counts = await queue.getJobCounts('waiting', 'delayed', 'prioritized', 'paused');
        pending[queue.name] = Object.values(counts).reduce((a, b) => a + b, 0);
      }
      return pending;
    });
    return () => {
      unregisterPending();
      ageSources.delete(ages);
    };
  }
}
