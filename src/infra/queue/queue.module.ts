import { BullModule } from '@nestjs/bullmq';
import { Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { QueueConnection, QueueConnectionModule } from './queue-connection';
import { QueueTopology } from './queue-topology';

/**
 * BullMQ's root connection on the configured Redis or Redis Cluster (QueueConnection), and the view of which queues and processors
 * the process holds. Queues are registered by the modules that own them (the run engine
 * registers agent.run), never here.
 */
@Global()
@Module({
  imports: [
    DiscoveryModule,
    BullModule.forRootAsync({
      imports: [QueueConnectionModule],
      inject: [QueueConnection],
      useFactory: ({ connection }: QueueConnection) => ({ connection }),
    }),
  ],
  providers: [QueueTopology],
  exports: [BullModule, QueueTopology],
})
export class QueueModule {}
