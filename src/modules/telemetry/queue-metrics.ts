import { Injectable } from '@nestjs/common';
import { InjectMetric, makeCounterProvider, makeGaugeProvider } from '@willsoto/nestjs-prometheus';
import { Counter, Gauge } from 'prom-client';

export const QUEUE_JOBS_ADDED = 'neonhub_queue_jobs_added_total';
export const QUEUE_JOBS_COMPLETED = 'neonhub_queue_jobs_completed_total';
export const QUEUE_JOBS_FAILED = 'neonhub_queue_jobs_failed_total';
export const QUEUE_JOBS_PENDING = 'neonhub_queue_jobs_pending';

/** Reads a queue's waiting + delayed count from Redis, so every process reports the same truth. */
export type PendingCounter = () => Promise<Record<string, number>>;
const pendingSources = new Set<PendingCounter>();

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
];

/** What watchDepth reads of a BullMQ queue. */
export interface DepthSource {
  name: string;
  getJobCounts(...types: string[]): Promise<Record<string, number>>;
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
   * The pending depth of `queues` (waiting, delayed, prioritized, paused) on every scrape, while
   * Redis is reachable: one source per queue owner, so each queue is counted once per process.
   */
  watchDepth(queues: readonly DepthSource[], redisAvailable: () => boolean): () => void {
    return this.registerPendingSource(async () => {
      if (!redisAvailable()) return {};
      const pending: Record<string, number> = {};
      for (const queue of queues) {
        const counts = await queue.getJobCounts('waiting', 'delayed', 'prioritized', 'paused');
        pending[queue.name] = Object.values(counts).reduce((a, b) => a + b, 0);
      }
      return pending;
    });
  }
}
