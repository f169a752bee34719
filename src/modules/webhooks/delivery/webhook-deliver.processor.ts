import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { OnApplicationBootstrap } from '@nestjs/common';
import type { Job } from 'bullmq';
import { CLS_ID, ClsService } from 'nestjs-cls';
import { PinoLogger } from 'nestjs-pino';
import type { RequestContext } from '../../../infra/cls/request-context';
import { QueueMetrics } from '../../telemetry/queue-metrics';
import { DeliverWebhook, type DeliveryAttemptResult } from './deliver-webhook';
import { WEBHOOK_DELIVER_QUEUE, type WebhookDeliverJob } from './webhook-job';

/** Deliveries one process sends at once: they wait on receivers, not on this process. */
const CONCURRENCY = 16;

/** Thin: one attempt of the job's delivery, in a CLS context whose id names the job. */
@Processor(WEBHOOK_DELIVER_QUEUE, { autorun: false })
export class WebhookDeliverProcessor extends WorkerHost implements OnApplicationBootstrap {
  constructor(
    private readonly deliver: DeliverWebhook,
    private readonly cls: ClsService<RequestContext>,
    private readonly metrics: QueueMetrics,
    private readonly logger: PinoLogger,
  ) {
    super();
    logger.setContext(WebhookDeliverProcessor.name);
  }

  onApplicationBootstrap(): void {
    this.worker.concurrency = CONCURRENCY;
    this.worker.on('error', (error) => this.logger.warn({ queue: WEBHOOK_DELIVER_QUEUE, reason: error.message }, 'worker connection error'));
    void this.worker.run();
  }

  process(job: Job<WebhookDeliverJob>): Promise<DeliveryAttemptResult> {
    return this.cls.run(() => {
      this.cls.set(CLS_ID, `job-${job.id}`);
      return this.deliver.attempt(job.data.deliveryId);
    });
  }

  @OnWorkerEvent('completed')
  onCompleted(): void {
    this.metrics.jobCompleted(WEBHOOK_DELIVER_QUEUE);
  }

  @OnWorkerEvent('failed')
  onFailed(): void {
    this.metrics.jobFailed(WEBHOOK_DELIVER_QUEUE);
  }
}
