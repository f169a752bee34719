import { Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import { RedisService } from '../../../infra/redis/redis.service';
import { PeriodicTask } from '../../../infra/scheduling/periodic-task';
import { DeliveryLedger, type QueueableDelivery } from '../persistence/delivery-ledger';
import { WebhookQueue } from './webhook-queue';

const SWEEP_EVERY_MS = 30_000;
/** Events this recent are looked at for missing deliveries; an outage longer than this loses them (and is logged). */
export const CATCH_UP_WINDOW_MS = 3_600_000;
/** The listener's own time: an event younger than this is still being fanned out. */
export const LISTENER_GRACE_MS = 10_000;
/** A PENDING delivery this far past its next attempt may have lost its job. */
export const OVERDUE_AFTER_MS = 15_000;
const BATCH = 500;

interface SweepOptions {
  graceMs?: number;
  overdueMs?: number;
}

/**
 * No delivery is lost to a process dying at the wrong moment: events of the last hour that some
 * subscribed endpoint has no delivery for get one (the process died between appending the event
 * and its listener's insert), and PENDING deliveries whose next attempt is overdue get their job
 * back (it was never queued, or Redis lost it). Safe in every process at once: the insert skips
 * existing (endpoint, event) pairs and job ids are deterministic.
 */
@Injectable()
export class WebhookSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly task = new PeriodicTask((options?: SweepOptions) => this.sweepOnce(options?.graceMs ?? LISTENER_GRACE_MS, options?.overdueMs ?? OVERDUE_AFTER_MS), SWEEP_EVERY_MS);

  constructor(
    private readonly ledger: DeliveryLedger,
    private readonly queue: WebhookQueue,
    private readonly redis: RedisService,
    private readonly logger: PinoLogger,
  ) {
    logger.setContext(WebhookSweeper.name);
  }

  onApplicationBootstrap(): void {
    this.task.start();
  }

  /** Answers how many jobs entered the queue. The arguments are for tests, which cannot wait the defaults out. */
  sweep(options: SweepOptions = {}): Promise<number> {
    return this.task.runNow(options);
  }

  private async sweepOnce(graceMs: number, overdueMs: number): Promise<number> {
    if (!this.redis.isAvailable) return 0;
    try {
      // Overdue first: a delivery this sweep writes is queued here and must not be looked at again as overdue.
      const overdue = await this.queueAll(await this.ledger.overdue(overdueMs, BATCH));
      const missed = await this.queueAll(await this.ledger.createMissed(CATCH_UP_WINDOW_MS, graceMs, BATCH));
      if (missed + overdue > 0) this.logger.warn({ missed, overdue }, 'queued webhook deliveries a process had left behind');
      return missed + overdue;
    } catch (error) {
      this.logger.warn({ reason: (error as Error).message }, 'webhook sweep failed; retrying next interval');
      return 0;
    }
  }

  private async queueAll(deliveries: QueueableDelivery[]): Promise<number> {
    let queued = 0;
    for (const delivery of deliveries) if (await this.queue.ensureQueued(delivery.id, delivery.attempts)) queued++;
    return queued;
  }

  onApplicationShutdown(): Promise<void> {
    return this.task.stop();
  }
}
