import { BullModule, InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { Queue } from 'bullmq';
import { PinoLogger } from 'nestjs-pino';
import { APP_CONFIG } from '../../../config/config.module';
import type { AppConfig } from '../../../config/app-config';

export const RETENTION_QUEUE = 'retention.sweep';
/** One job scheduler for the whole fleet: however many workers boot and upsert it, a round is one job. */
export const RETENTION_SCHEDULER_ID = 'retention';

/** A failed round is not retried: the next one, an interval later, starts where it stopped. */
const defaultJobOptions = { removeOnComplete: 50, removeOnFail: 100, attempts: 1 };

/** Only consuming processes register it: the API never schedules or runs a sweep. */
export function registerRetentionQueue() {
  return BullModule.registerQueueAsync({ name: RETENTION_QUEUE, useFactory: () => ({ defaultJobOptions }) });
}

/** Creates (or updates, when the interval changed) the repeatable sweep at boot. */
@Injectable()
export class RetentionSchedule implements OnApplicationBootstrap {
  constructor(@InjectQueue(RETENTION_QUEUE) private readonly queue: Queue, @Inject(APP_CONFIG) private readonly config: AppConfig, private readonly logger: PinoLogger) {
    logger.setContext(RetentionSchedule.name);
  }

  async onApplicationBootstrap(): Promise<void> {
    // Connection errors surface through readiness; an unhandled 'error' event would crash the process.
    this.queue.on('error', () => undefined);
    const everyMs = this.config.governance.retention.sweepEveryMinutes * 60_000;
    try {
      await this.queue.upsertJobScheduler(RETENTION_SCHEDULER_ID, { every: everyMs }, { name: 'sweep' });
    } catch (error) {
      // Redis away at boot: the next boot (or another worker) schedules it; the process still serves its other queues.
      this.logger.warn({ reason: (error as Error).message }, 'retention sweep not scheduled');
    }
  }
}
