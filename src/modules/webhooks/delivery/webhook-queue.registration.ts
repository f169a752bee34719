import { BullModule } from '@nestjs/bullmq';
import { RedisService } from '../../../infra/redis/redis.service';
import { WEBHOOK_DELIVER_QUEUE, WEBHOOK_JOB_OPTIONS } from './webhook-job';

/**
 * As with agent.run: a producing-only process shares the app's Redis connection; a consuming one
 * gives the queue connections of its own from the root options.
 */
export function registerWebhookQueue(role: 'api' | 'worker') {
  return role === 'api'
    ? BullModule.registerQueueAsync({ name: WEBHOOK_DELIVER_QUEUE, inject: [RedisService], useFactory: (redis: RedisService) => ({ connection: redis.client, defaultJobOptions: WEBHOOK_JOB_OPTIONS }) })
    : BullModule.registerQueueAsync({ name: WEBHOOK_DELIVER_QUEUE, useFactory: () => ({ defaultJobOptions: WEBHOOK_JOB_OPTIONS }) });
}
