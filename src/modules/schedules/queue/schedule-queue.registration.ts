import { BullModule } from '@nestjs/bullmq';
import { RedisService } from '../../../infra/redis/redis.service';
import { SCHEDULE_TICK_QUEUE } from './schedule-tick';

/**
 * A tick whose processing failed for an infrastructure reason (the database away) is retried a
 * few times with backoff: its outcome is recorded once whichever attempt gets through (the tick's
 * row is unique and its run's idempotency key names the tick). Retention as for agent.run.
 */
const defaultJobOptions = { removeOnComplete: 200, removeOnFail: 500, attempts: 5, backoff: { type: 'exponential', delay: 1_000 } };

/**
 * The schedules.tick queue. As with agent.run: in a producing-only API it shares the app's Redis
 * connection (fails fast while Redis is away: 503), a consuming process gives it connections of
 * its own from the root options.
 */
export function registerScheduleQueue(role: 'api' | 'worker') {
  return role === 'api'
    ? BullModule.registerQueueAsync({ name: SCHEDULE_TICK_QUEUE, inject: [RedisService], useFactory: (redis: RedisService) => ({ connection: redis.client, defaultJobOptions }) })
    : BullModule.registerQueueAsync({ name: SCHEDULE_TICK_QUEUE, useFactory: () => ({ defaultJobOptions }) });
}
