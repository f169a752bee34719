import { BullModule } from '@nestjs/bullmq';
import { Global, Module } from '@nestjs/common';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/app-config';
import { redisOptionsFromUrl } from './redis-connection';

export const AGENT_RUN_QUEUE = 'agent.run';

/**
 * BullMQ on the configured Redis. Workers need blocking connections that never give up
 * (maxRetriesPerRequest null); producers fail fast instead, so an API call answers 503 rather
 * than hanging while Redis is away.
 */
@Global()
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({ connection: { ...redisOptionsFromUrl(config.redisUrl), maxRetriesPerRequest: null } }),
    }),
    BullModule.registerQueueAsync({
      name: AGENT_RUN_QUEUE,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        connection: { ...redisOptionsFromUrl(config.redisUrl), enableOfflineQueue: false, maxRetriesPerRequest: 1 },
        // Retention as in the product's policy: enough history to debug, bounded memory in Redis.
        defaultJobOptions: { removeOnComplete: 200, removeOnFail: 500, attempts: 1 },
      }),
    }),
  ],
  exports: [BullModule],
})
export class QueueModule {}
