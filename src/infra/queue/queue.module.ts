import { BullModule } from '@nestjs/bullmq';
import { Global, Module } from '@nestjs/common';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/app-config';
import { redisOptionsFromUrl } from './redis-connection';

/**
 * BullMQ's root connection on the configured Redis. Queues are registered by the modules that
 * own them (the run engine registers agent.run), never here.
 */
@Global()
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({ connection: { ...redisOptionsFromUrl(config.redisUrl), maxRetriesPerRequest: null } }),
    }),
  ],
  exports: [BullModule],
})
export class QueueModule {}
