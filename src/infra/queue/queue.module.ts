import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Global, Module } from '@nestjs/common';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/app-config';
import { RedisService } from '../redis/redis.service';
import { redisOptionsFromUrl } from './redis-connection';

export const AGENT_RUN_QUEUE = 'agent.run';

// Retention as in the product's policy: enough history to debug, bounded memory in Redis.
const defaultJobOptions = { removeOnComplete: 200, removeOnFail: 500, attempts: 1 };

/**
 * BullMQ on the configured Redis. In the API the producer shares the app's Redis connection: it
 * fails fast while Redis is away (the API answers 503), reconnects with it, and closes with it at
 * shutdown (BullMQ leaves a shared connection alone). In the worker the queue's consumer needs
 * connections of its own that never give up (maxRetriesPerRequest null).
 */
@Global()
@Module({})
export class QueueModule {
  static forRoot(role: 'api' | 'worker'): DynamicModule {
    return {
      module: QueueModule,
      imports: [
        BullModule.forRootAsync({
          inject: [APP_CONFIG],
          useFactory: (config: AppConfig) => ({ connection: { ...redisOptionsFromUrl(config.redisUrl), maxRetriesPerRequest: null } }),
        }),
        role === 'api'
          ? BullModule.registerQueueAsync({ name: AGENT_RUN_QUEUE, inject: [RedisService], useFactory: (redis: RedisService) => ({ connection: redis.client, defaultJobOptions }) })
          : BullModule.registerQueueAsync({ name: AGENT_RUN_QUEUE, useFactory: () => ({ defaultJobOptions }) }),
      ],
      exports: [BullModule],
    };
  }
}
