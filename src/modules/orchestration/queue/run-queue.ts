import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { Queue } from 'bullmq';
import { PinoLogger } from 'nestjs-pino';
import { RedisService } from '../../../infra/redis/redis.service';
import { QueueMetrics } from '../../telemetry/queue-metrics';
import { AGENT_RUN_QUEUE, type RunJob, runJobId } from './run-job';

@Injectable()
export class RunQueue implements OnModuleInit, OnApplicationShutdown {
  private unregisterPending?: () => void;

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
    this.unregisterPending = this.metrics.registerPendingSource(async (): Promise<Record<string, number>> => {
      if (!this.redis.isAvailable) return {};
      const counts = await this.queue.getJobCounts('waiting', 'delayed', 'prioritized', 'paused');
      return { [AGENT_RUN_QUEUE]: Object.values(counts).reduce((a, b) => a + b, 0) };
    });
  }

  assertAvailable(): void {
    this.redis.assertAvailable('async runs');
  }

  async enqueue(job: RunJob, generation: number): Promise<void> {
    this.assertAvailable();
    await this.queue.add('run', job, { jobId: runJobId(job.runId, generation) });
    this.metrics.jobAdded(AGENT_RUN_QUEUE);
    this.logger.debug({ runId: job.runId, generation }, 'run enqueued');
  }

  onApplicationShutdown(): void {
    this.unregisterPending?.();
  }
}
