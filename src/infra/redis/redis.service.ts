import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import type { Cluster } from 'ioredis';
import { once } from 'node:events';
import { PinoLogger } from 'nestjs-pino';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/app-config';
import { ServiceUnavailableError } from '../../common/errors/domain-errors';
import { connectRedis, duplicateRedis, isCluster, type ConnectionBehaviour, type RedisClient } from './redis-client';

/**
 * The shared Redis connection (one Redis, or a Redis Cluster when REDIS_CLUSTER_NODES is set).
 * The service must boot and stay up without Redis: commands fail fast while it is down (no
 * offline queue) and ioredis keeps reconnecting in the background, so features recover without
 * a restart.
 */
@Injectable()
export class RedisService implements OnApplicationShutdown {
  readonly client: RedisClient;
  private lastReportedState?: 'up' | 'down';

  constructor(@Inject(APP_CONFIG) config: AppConfig, private readonly logger: PinoLogger) {
    logger.setContext(RedisService.name);
    this.client = connectRedis(config, { enableOfflineQueue: false, maxRetriesPerRequest: 1, connectTimeout: 2_000 });
    this.client.on('ready', () => this.report('up'));
    this.client.on('error', (error: Error) => this.report('down', error));
  }

  get isAvailable(): boolean {
    return this.client.status === 'ready';
  }

  /** For features that need a queue: a clear 503 instead of a hang or a 500. */
  assertAvailable(feature: string): void {
    if (!this.isAvailable) throw new ServiceUnavailableError(`${feature} is unavailable: the queue backend (Redis) cannot be reached; retry shortly`, 5_000);
  }

  /** A connection still being (re)established gets the rest of the timeout to become ready. */
  async ping(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    if (!this.isAvailable) {
      if (this.client.status === 'end') throw new Error('redis connection is closed');
      const status = this.client.status;
      await once(this.client, 'ready', { signal: AbortSignal.timeout(timeoutMs) }).catch((error: Error) => {
        throw new Error(`redis connection is ${status}: ${error.name === 'AbortError' ? 'not ready in time' : error.message}`);
      });
    }
    await withTimeout(this.client.ping(), Math.max(1, deadline - Date.now()), 'redis ping');
    if (isCluster(this.client)) await withTimeout(this.assertClusterServes(this.client), Math.max(1, deadline - Date.now()), 'redis cluster info');
  }

  /** A second connection on the same Redis (or cluster), for a subscriber: see ConnectionBehaviour. */
  duplicate(behaviour: Pick<ConnectionBehaviour, 'enableOfflineQueue' | 'maxRetriesPerRequest'>): RedisClient {
    return duplicateRedis(this.client, behaviour);
  }

  async onApplicationShutdown(): Promise<void> {
    this.client.removeAllListeners('error');
    this.client.on('error', () => undefined);
    if (this.client.status === 'ready') await this.client.quit().catch(() => this.client.disconnect());
    else this.client.disconnect();
  }

  /**
   * A node answering PING is not enough on a cluster: with a slot range uncovered (a master down
   * and no replica promoted) every key in it is refused, so readiness asks the cluster's own verdict.
   */
  private async assertClusterServes(cluster: Cluster): Promise<void> {
    const info = String(await cluster.cluster('INFO'));
    const state = /cluster_state:(\w+)/.exec(info)?.[1];
    if (state !== 'ok') throw new Error(`redis cluster state is ${state ?? 'unknown'}`);
  }

  private report(state: 'up' | 'down', error?: Error): void {
    if (state === this.lastReportedState) return;
    this.lastReportedState = state;
    if (state === 'up') this.logger.info('redis connection ready');
    else this.logger.warn({ reason: error?.message }, 'redis unreachable; retrying in the background');
  }
}

export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
