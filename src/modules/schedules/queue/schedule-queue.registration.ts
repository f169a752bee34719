import { BullModule } from '@nestjs/bullmq';
import type { DefaultJobOptions } from 'bullmq';
import { queueRegistration } from '../../../infra/queue/queue-registration';
import { SCHEDULE_TICK_QUEUE } from './schedule-tick';

/**
 * A tick whose processing failed for an infrastructure reason (the database away) is retried a
 * few times with backoff: its outcome is recorded once whichever attempt gets through (the tick's
 * row is unique and its run's idempotency key names the tick). Retention as for agent.run.
 */
const defaultJobOptions: DefaultJobOptions = { removeOnComplete: 200, removeOnFail: 500, attempts: 5, backoff: { type: 'exponential', delay: 1_000 } };

/** The schedules.tick queue, connected as the process's role wants (queueRegistration). */
export function registerScheduleQueue(role: 'api' | 'worker') {
  return BullModule.registerQueueAsync(queueRegistration(SCHEDULE_TICK_QUEUE, role, defaultJobOptions));
}
