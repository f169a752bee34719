import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { PinoLogger } from 'nestjs-pino';
import { RedisService } from '../../../infra/redis/redis.service';
import { QueueMetrics } from '../../telemetry/queue-metrics';
import { WEBHOOK_DELIVER_QUEUE, webhookJobId, type WebhookDeliverJob } from './webhook-job';

/** The producer side of webhooks.deliver. */
@Injectable()
export class WebhookQueue implements OnModuleInit, OnApplicationShutdown {
  private unregisterPending?: () => void;

  constructor(
    @InjectQueue(WEBHOOK_DELIVER_QUEUE) private readonly queue: Queue<WebhookDeliverJob>,
    private readonly redis: RedisService,
    private readonly metrics: QueueMetrics,
    private readonly logger: PinoLogger,
  ) {
    logger.setContext(WebhookQueue.name);
  }

  onModuleInit(): void {
    // Connection errors surface through readiness; an unhandled 'error' event would crash the process.
    this.queue.on('error', () => undefined);
    this.unregisterPending = this.metrics.watchDepth([this.queue], () => this.redis.isAvailable);
  }

  /**
   * Makes sure the attempt after `attemptsMade` attempts will be made, in `delayMs`: added when
   * absent; a delayed one is brought forward when `now` is asked (a manual retry); one that ended
   * (its process recorded nothing: the database was away) is put back; one waiting or running is
   * left alone. Answers whether a job (re)entered the queue.
   */
  async ensureQueued(deliveryId: string, attemptsMade: number, options: { delayMs?: number; now?: boolean } = {}): Promise<boolean> {
    const jobId = webhookJobId(deliveryId, attemptsMade);
    const existing = await this.queue.getJob(jobId);
    if (existing) {
      const state = await existing.getState();
      if (state === 'delayed' && options.now) {
        await existing.promote().catch(() => undefined); // it may have just become due
        return true;
      }
      if (state !== 'completed' && state !== 'failed') return false;
      try {
        await existing.remove();
      } catch {
        return false; // another process moved it first
      }
    }
    await this.queue.add('deliver', { deliveryId }, { jobId, ...(options.delayMs ? { delay: options.delayMs } : {}) });
    this.metrics.jobAdded(this.queue.name);
    this.logger.debug({ deliveryId, attemptsMade, delayMs: options.delayMs ?? 0 }, 'webhook delivery queued');
    return true;
  }

  onApplicationShutdown(): void {
    this.unregisterPending?.();
  }
}
