import type { RegisterQueueAsyncOptions } from '@nestjs/bullmq';
import type { DefaultJobOptions } from 'bullmq';
import { queuePrefix } from '../redis/redis-keys';
import { RedisService } from '../redis/redis.service';

/**
 * How a module registers one of its queues (`BullModule.registerQueueAsync(queueRegistration(...))`),
 * so every queue gets its hash-tagged prefix (redis-keys.ts; a worker process refuses to boot on a
 * queue without it, see QueueTopology) and the connection of its process's role:
 * - 'api', a producing-only process: the queue shares the app's Redis connection, so it fails
 *   fast while Redis is away (the API answers 503), reconnects with it, and closes with it at
 *   shutdown (BullMQ leaves a shared connection alone);
 * - 'worker', a consuming process: the root connection (QueueModule), whose commands wait out an
 *   outage (maxRetriesPerRequest null), as BullMQ's workers need.
 */
export function queueRegistration(name: string, role: 'api' | 'worker', defaultJobOptions: DefaultJobOptions): RegisterQueueAsyncOptions {
  const prefix = queuePrefix(name);
  return role === 'api'
    ? { name, inject: [RedisService], useFactory: (redis: RedisService) => ({ connection: redis.client, prefix, defaultJobOptions }) }
    : { name, useFactory: () => ({ prefix, defaultJobOptions }) };
}
