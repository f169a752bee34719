import { BullModule } from '@nestjs/bullmq';
import { Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/app-config';
import { QueueTopology } from './queue-topology';
import { redisOptionsFromUrl } from './redis-connection';

/**
 * BullMQ's root connection on the configured Redis, and the view of which queues and processors
 * the process holds. Queues are registered by the modules that own them (the run engine
 * registers agent.run), never here.
 */
@Global()
@Module({
  imports: [
    DiscoveryModule,
    BullModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({ connection: { ...redisOptionsFromUrl(config.redisUrl), maxRetriesPerRequest: null } }),
    }),
  ],
  providers: [QueueTopology],
  exports: [BullModule, QueueTopology],
})
export class QueueModule {}
