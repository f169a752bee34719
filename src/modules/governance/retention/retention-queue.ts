import { BullModule, InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import { PinoLogger } from 'nestjs-pino';
import { APP_CONFIG } from '../../../config/config.module';
import type { AppConfig } from '../../../config/app-config';
import { queueRegistration } from '../../../infra/queue/queue-registration';
import { PeriodicTask } from '../../../infra/scheduling/periodic-task';

export const RETENTION_QUEUE = 'retention.sweep';
/** One job scheduler for the whole fleet: however many workers boot and upsert it, a round is one job. */
export const RETENTION_SCHEDULER_ID = 'retention';

/** A failed round is not retried: the next one, an interval later, starts where it stopped. */
const defaultJobOptions = { removeOnComplete: 50, removeOnFail: 100, attempts: 1 };

/** Only consuming processes register it: the API never schedules or runs a sweep. */
export function registerRetentionQueue() {
  return BullModule.registerQueueAsync(queueRegistration(RETENTION_QUEUE, 'worker', defaultJobOptions));
}

/** How often a process checks the scheduler is still in Redis: a Redis that lost its data gets it back within this. */
const CHECK_EVERY_MS = 5 * 60_000;

/**
 * Keeps the repeatable sweep scheduled: created at boot, replaced when the interval changed, and
 * put back if Redis lost it. Only upserted when missing or different: an upsert recomputes the
 * next run, so upserting on every check could keep pushing the sweep back.
 */
@Injectable()
export class RetentionSchedule implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly everyMs: number;
  private readonly check = new PeriodicTask(() => this.ensure().catch((error: Error) => this.notScheduled(error)), CHECK_EVERY_MS);

  constructor(@InjectQueue(RETENTION_QUEUE) private readonly queue: Queue, @Inject(APP_CONFIG) config: AppConfig, private readonly logger: PinoLogger) {
    this.everyMs = config.governance.retention.sweepEveryMinutes * 60_000;
    logger.setContext(RetentionSchedule.name);
  }

  onApplicationBootstrap(): void {
    // Connection errors surface through readiness; an unhandled 'error' event would crash the process.
    this.queue.on('error', () => undefined);
    // In the background: boot must not wait on Redis (it may be coming up too).
    void this.check.runNow();
    this.check.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.check.stop();
  }

  /** Answers whether the scheduler was (re)created. */
  async ensure(): Promise<boolean> {
    const existing = await this.queue.getJobScheduler(RETENTION_SCHEDULER_ID);
    if (existing && Number(existing.every) === this.everyMs) return false;
    await this.queue.upsertJobScheduler(RETENTION_SCHEDULER_ID, { every: this.everyMs }, { name: 'sweep' });
    this.logger.info({ everyMs: this.everyMs }, 'retention sweep scheduled');
    return true;
  }

  private notScheduled(error: Error): boolean {
    this.logger.warn({ reason: error.message }, 'retention sweep not scheduled; checking again later');
    return false;
  }
}
