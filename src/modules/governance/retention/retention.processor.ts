import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { OnApplicationBootstrap } from '@nestjs/common';
import type { Job } from 'bullmq';
import { CLS_ID, ClsService } from 'nestjs-cls';
import { PinoLogger } from 'nestjs-pino';
import type { RequestContext } from '../../../infra/cls/request-context';
import { QueueMetrics } from '../../telemetry/queue-metrics';
import { RETENTION_QUEUE } from './retention-queue';
import { RetentionSweep, type SweepResult } from './retention-sweep';

/** Thin: one retention round per job, one at a time in a process, at the clock of the moment it runs. */
@Processor(RETENTION_QUEUE, { autorun: false })
export class RetentionProcessor extends WorkerHost implements OnApplicationBootstrap {
  constructor(private readonly retention: RetentionSweep, private readonly cls: ClsService<RequestContext>, private readonly metrics: QueueMetrics, private readonly logger: PinoLogger) {
    super();
    logger.setContext(RetentionProcessor.name);
  }

  onApplicationBootstrap(): void {
    this.worker.concurrency = 1;
    this.worker.on('error', (error) => this.logger.warn({ queue: RETENTION_QUEUE, reason: error.message }, 'worker connection error'));
    void this.worker.run();
  }

  process(job: Job): Promise<SweepResult> {
    return this.cls.run(() => {
      this.cls.set(CLS_ID, `job-${job.id}`);
      return this.retention.sweep(new Date());
    });
  }

  @OnWorkerEvent('completed')
  onCompleted(): void {
    this.metrics.jobCompleted(RETENTION_QUEUE);
  }

  @OnWorkerEvent('failed')
  onFailed(): void {
    this.metrics.jobFailed(RETENTION_QUEUE);
  }
}
