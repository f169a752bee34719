import { Inject, Injectable } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import { APP_CONFIG } from '../../../config/config.module';
import type { AppConfig } from '../../../config/app-config';
import { SecretDecryptionError } from '../../connectors/vault/secret-box';
import { DeliveryLedger, type ClaimedDelivery } from '../persistence/delivery-ledger';
import { WebhookMetrics } from '../webhook-metrics';
import { WebhookSecrets } from '../webhook-secrets';
import { RetrySchedule } from './retry-schedule';
import { signedHeaders } from './signing';
import { WebhookQueue } from './webhook-queue';
import { WebhookSender, type SendResult } from './webhook-sender';

export type DeliveryAttemptResult = 'succeeded' | 'retrying' | 'failed' | 'abandoned' | 'skipped';

/**
 * One attempt of one delivery: claimed (only a PENDING, due delivery), signed, sent, and its
 * outcome recorded with the endpoint's failure streak in one statement; a failure schedules the
 * next attempt as a delayed job, per the retry schedule. The delivery row is the truth; the job
 * only says when to look at it again, so a lost job costs a sweep interval, never a delivery.
 */
@Injectable()
export class DeliverWebhook {
  private readonly schedule: RetrySchedule;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly ledger: DeliveryLedger,
    private readonly secrets: WebhookSecrets,
    private readonly sender: WebhookSender,
    private readonly queue: WebhookQueue,
    private readonly metrics: WebhookMetrics,
    private readonly logger: PinoLogger,
  ) {
    logger.setContext(DeliverWebhook.name);
    this.schedule = new RetrySchedule(config.webhooks.retryScheduleMs);
  }

  async attempt(deliveryId: string): Promise<DeliveryAttemptResult> {
    // Held past the attempt's own deadline, so a sweep never queues it again while it is under way.
    const delivery = await this.ledger.claim(deliveryId, this.config.webhooks.timeoutMs + 30_000);
    if (!delivery) return 'skipped';
    if (!delivery.enabled) {
      await this.ledger.abandon(delivery.id, `not sent: the endpoint is disabled (${delivery.disabledReason ?? 'by a user'})`);
      this.logger.info({ deliveryId, endpointId: delivery.endpointId }, 'webhook delivery abandoned: endpoint disabled');
      return 'abandoned';
    }
    const result = await this.send(delivery);
    return result.ok ? this.succeeded(delivery, result.statusCode) : this.failed(delivery, result);
  }

  private async send(delivery: ClaimedDelivery): Promise<SendResult> {
    let secret: string;
    try {
      secret = this.secrets.open(delivery.organizationId, delivery.endpointId, delivery.secretCiphertext);
    } catch (error) {
      if (!(error instanceof SecretDecryptionError)) throw error;
      this.logger.error({ endpointId: delivery.endpointId, organizationId: delivery.organizationId }, 'webhook signing secret failed authentication: altered, or sealed under a key no longer in the ring');
      return { ok: false, statusCode: null, error: 'not sent: the signing secret cannot be decrypted (recreate the endpoint)' };
    }
    return this.sender.send(delivery.url, signedHeaders(secret, delivery.id, new Date(), delivery.body, this.sender.userAgent), delivery.body);
  }

  private async succeeded(delivery: ClaimedDelivery, statusCode: number): Promise<DeliveryAttemptResult> {
    if (!(await this.ledger.succeeded(delivery, statusCode))) return 'skipped';
    this.metrics.attempted(delivery.eventType, 'succeeded');
    this.logger.info({ deliveryId: delivery.id, endpointId: delivery.endpointId, event: delivery.eventType, attempt: delivery.attempts + 1, statusCode }, 'webhook delivered');
    return 'succeeded';
  }

  private async failed(delivery: ClaimedDelivery, result: Extract<SendResult, { ok: false }>): Promise<DeliveryAttemptResult> {
    // 410 Gone is the receiver saying it wants nothing more: no retry, and the endpoint is disabled at once.
    const gone = result.statusCode === 410;
    const attemptsMade = delivery.attempts + 1;
    const retryInMs = gone ? null : this.schedule.delayAfter(attemptsMade);
    const record = await this.ledger.failed(delivery, { statusCode: result.statusCode, error: result.error, retryInMs, disableAfterFailures: this.config.webhooks.disableAfterFailures, gone });
    if (!record) return 'skipped';
    const context = { deliveryId: delivery.id, endpointId: delivery.endpointId, event: delivery.eventType, attempt: attemptsMade, statusCode: result.statusCode, reason: result.error };
    if (record.disabled) {
      this.metrics.endpointDisabled(gone ? 'gone' : 'failures');
      this.logger.warn({ endpointId: delivery.endpointId, organizationId: delivery.organizationId, reason: record.disabledReason }, 'webhook endpoint disabled');
    }
    if (record.status === 'FAILED') {
      this.metrics.attempted(delivery.eventType, 'failed');
      this.logger.warn(context, 'webhook delivery failed for good');
      return 'failed';
    }
    this.metrics.attempted(delivery.eventType, 'retrying');
    this.logger.info({ ...context, retryInMs }, 'webhook delivery attempt failed; retry scheduled');
    // Should this fail (Redis away), the sweeper queues the retry once next_attempt_at is overdue.
    await this.queue.ensureQueued(delivery.id, record.attempts, { delayMs: retryInMs ?? 0 }).catch((error: Error) =>
      this.logger.warn({ deliveryId: delivery.id, reason: error.message }, 'webhook retry not queued; the sweeper will'),
    );
    return 'retrying';
  }
}
