import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { OnApplicationBootstrap } from '@nestjs/common';
import type { Job } from 'bullmq';
import { CLS_ID, ClsService } from 'nestjs-cls';
import { PinoLogger } from 'nestjs-pino';
import type { RequestContext } from '../../../infra/cls/request-context';
import { QueueMetrics } from '../../telemetry/queue-metrics';
import { BuildExport, type BuildOutcome } from './build-export';
import { EXPORT_JOB_ATTEMPTS, EXPORT_QUEUE, type ExportJob } from './export-queue';

/** Builds are long and hold a database connection each: one at a time per process. */
const CONCURRENCY = 1;

/** Thin: one build per job; the last failed attempt marks the export FAILED. */
@Processor(EXPORT_QUEUE, { autorun: false })
export class ExportProcessor extends WorkerHost implements OnApplicationBootstrap {
  constructor(private readonly builds: BuildExport, private readonly cls: ClsService<RequestContext>, private readonly metrics: QueueMetrics, private readonly logger: PinoLogger) {
    super();
    logger.setContext(ExportProcessor.name);
  }

  onApplicationBootstrap(): void {
    this.worker.concurrency = CONCURRENCY;
    this.worker.on('error', (error) => this.logger.warn({ queue: EXPORT_QUEUE, reason: error.message }, 'worker connection error'));
    void this.worker.run();
  }

  process(job: Job<ExportJob>): Promise<BuildOutcome> {
    return this.cls.run(async () => {
      this.cls.set(CLS_ID, `job-${job.id}`);
      try {
        return await this.builds.build(job.data.exportId);
      } catch (error) {
        if (job.attemptsMade + 1 >= (job.opts.attempts ?? EXPORT_JOB_ATTEMPTS)) await this.builds.fail(job.data.exportId, error as Error);
        throw error;
      }
    });
  }

  @OnWorkerEvent('completed')
  onCompleted(): void {
    this.metrics.jobCompleted(EXPORT_QUEUE);
  }

  @OnWorkerEvent('failed')
  onFailed(): void {
    this.metrics.jobFailed(EXPORT_QUEUE);
  }
}
