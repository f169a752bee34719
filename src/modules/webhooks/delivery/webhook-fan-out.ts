import { BeforeApplicationShutdown, Injectable, OnModuleInit } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import { RunEvents } from '../../orchestration/events/run-events';
import type { RunEventRecord } from '../../orchestration/events/run-event';
import { DeliveryLedger } from '../persistence/delivery-ledger';
import { isWebhookEventType } from '../webhook-events';
import { WebhookQueue } from './webhook-queue';
import { WebhookSubscriptions } from './webhook-subscriptions';

/**
 * Turns the run events this process appends into deliveries: one INSERT ... SELECT writes a
 * delivery for every enabled endpoint of the event's organization subscribed to its type, and a
 * job per delivery is queued. Fire and forget: the run never waits for it and never fails for
 * it. What a crash between the event and this insert loses, the sweeper writes (WebhookSweeper).
 */
@Injectable()
export class WebhookFanOut implements OnModuleInit, BeforeApplicationShutdown {
  private unlisten?: () => void;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly events: RunEvents,
    private readonly ledger: DeliveryLedger,
    private readonly queue: WebhookQueue,
    private readonly subscriptions: WebhookSubscriptions,
    private readonly logger: PinoLogger,
  ) {
    logger.setContext(WebhookFanOut.name);
  }

  onModuleInit(): void {
    this.unlisten = this.events.listen((event) => this.onEvent(event));
  }

  private onEvent(event: RunEventRecord): void {
    if (!isWebhookEventType(event.type)) return;
    const work = this.fanOut(event)
      .catch((error: Error) => this.logger.warn({ runId: event.runId, eventId: event.id, type: event.type, reason: error.message }, 'webhook deliveries not created; the sweeper will'))
      .finally(() => this.inFlight.delete(work));
    this.inFlight.add(work);
  }

  private async fanOut(event: RunEventRecord): Promise<void> {
    if (!(await this.subscriptions.includes(event.organizationId, event.type))) return;
    const deliveries = await this.ledger.createForEvent(event.id, event.runId);
    for (const delivery of deliveries) await this.queue.ensureQueued(delivery.id, delivery.attempts);
    if (deliveries.length > 0) this.logger.debug({ runId: event.runId, type: event.type, deliveries: deliveries.length }, 'webhook deliveries created');
  }

  /** Lets the inserts under way finish while the database pool is still open. */
  async beforeApplicationShutdown(): Promise<void> {
    this.unlisten?.();
    await Promise.allSettled([...this.inFlight]);
  }
}
