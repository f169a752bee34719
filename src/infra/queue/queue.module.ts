import { BullModule } from '@nestjs/bullmq';
import { Global, Module } from '@nestjs/common';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/app-config';
import { RedisService } from '../redis/redis.service';
import { redisOptionsFromUrl } from './redis-connection';

export const AGENT_RUN_QUEUE = 'agent.run';

/** BullMQ on the configured Redis. Workers need blocking connections that never give up (maxRetriesPerRequest null). */
@Global()
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({ connection: { ...redisOptionsFromUrl(config.redisUrl), maxRetriesPerRequest: null } }),
    }),
    BullModule.registerQueueAsync({
      name: AGENT_RUN_QUEUE,
      inject: [RedisService],
      useFactory: (redis: RedisService) => ({
        // The producer shares the app's Redis connection: it fails fast while Redis is away (the
        // API answers 503), reconnects with it, and closes with it at shutdown (BullMQ leaves a
        // shared connection alone).
        connection: redis.client,
        // Retention as in the product's policy: enough history to debug, bounded memory in Redis.
        defaultJobOptions: { removeOnComplete: 200, removeOnFail: 500, attempts: 1 },
      }),
    }),
  ],
  exports: [BullModule],
})
export class QueueModule {}
