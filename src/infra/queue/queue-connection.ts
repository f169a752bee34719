import { WorkerHost } from '@nestjs/bullmq';
import { Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { DiscoveryModule, DiscoveryService } from '@nestjs/core';
import { Queue, type ConnectionOptions, type Worker } from 'bullmq';
import type { Cluster } from 'ioredis';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/app-config';
import { connectRedis } from '../redis/redis-client';
import { redisOptionsFromUrl } from './redis-connection';

/**
 * BullMQ's root connection, used by the queues and workers of a consuming process (queueRegistration).
 *
 * On one Redis it is options: BullMQ opens (and closes) connections of its own from them. On a
 * Redis Cluster BullMQ needs a Cluster instance, which it shares between the queues and workers
 * (workers duplicate it for their blocking reads) and never closes, so this class owns it. It is
 * opened on first use: a producing-only API never uses the root connection.
 */
@Injectable()
export class QueueConnection implements OnApplicationShutdown {
  readonly connection: ConnectionOptions;
  private readonly cluster?: Cluster;

  constructor(@Inject(APP_CONFIG) config: AppConfig, private readonly discovery: DiscoveryService) {
    if (config.redisCluster) {
      // Commands wait out a failover instead of failing (maxRetriesPerRequest null), as BullMQ's workers require.
      this.cluster = connectRedis(config, { enableOfflineQueue: true, maxRetriesPerRequest: null, lazyConnect: true }) as Cluster;
      this.connection = this.cluster;
    } else {
      this.connection = { ...redisOptionsFromUrl(config.redisUrl), maxRetriesPerRequest: null };
    }
  }

  /**
   * Closes the cluster connection after every queue and worker of the process that may use it:
   * a worker finishing its active jobs still needs it to record them. Nest gives no order between
   * this hook and @nestjs/bullmq's own, so they are closed here first; BullMQ's close() is
   * idempotent (a second call awaits the first), so closing them again there changes nothing.
   */
  async onApplicationShutdown(): Promise<void> {
    const cluster = this.cluster;
    if (!cluster) return;
    await Promise.allSettled(this.bullMqClients().map((client) => client.close()));
    if (cluster.status === 'ready') await cluster.quit().catch(() => cluster.disconnect());
    else cluster.disconnect();
  }

  private bullMqClients(): Array<Queue | Worker> {
    return this.discovery.getProviders().flatMap(({ instance }): Array<Queue | Worker> => {
      if (instance instanceof Queue) return [instance];
      if (!(instance instanceof WorkerHost)) return [];
      try {
        return [instance.worker];
      } catch {
        return []; // a processor the explorer never reached has no worker to close
      }
    });
  }
}

/** Its own module, so BullModule.forRootAsync can import the connection it is given. */
@Module({ imports: [DiscoveryModule], providers: [QueueConnection], exports: [QueueConnection] })
export class QueueConnectionModule {}
