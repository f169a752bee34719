import IORedis, { Cluster, type Redis } from 'ioredis';
import type { AppConfig } from '../../config/app-config';
import { redisOptionsFromUrl } from '../queue/redis-connection';

/** One Redis or a Redis Cluster: ioredis gives both the same commands, and BullMQ accepts either. */
export type RedisClient = Redis | Cluster;

/** How a connection behaves while Redis is away; the rest (address, credentials, TLS) comes from the configuration. */
export interface ConnectionBehaviour {
  /** false: commands fail at once while disconnected; true: they wait for the reconnection. */
  enableOfflineQueue: boolean;
  /** null for BullMQ's blocking connections and subscribers: a command waits out any outage. */
  maxRetriesPerRequest: number | null;
  connectTimeout?: number;
  /** true: connect on the first command, so a connection nobody uses never opens. */
  lazyConnect?: boolean;
}

const retryStrategy = (attempt: number) => Math.min(attempt * 250, 2_000);

/**
 * A connection to the configured Redis: REDIS_URL, or the cluster of REDIS_CLUSTER_NODES with
 * REDIS_URL's user, password and TLS on every node. Either reconnects in the background forever.
 */
export function connectRedis(config: Pick<AppConfig, 'redisUrl' | 'redisCluster'>, behaviour: ConnectionBehaviour): RedisClient {
  const { enableOfflineQueue, maxRetriesPerRequest, connectTimeout, lazyConnect = false } = behaviour;
  if (!config.redisCluster) return new IORedis(config.redisUrl, { enableOfflineQueue, maxRetriesPerRequest, connectTimeout, retryStrategy, lazyConnect });
  const { username, password, tls } = redisOptionsFromUrl(config.redisUrl);
  return new Cluster(config.redisCluster.nodes, {
    enableOfflineQueue,
    lazyConnect,
    clusterRetryStrategy: retryStrategy,
    redisOptions: { username, password, tls, connectTimeout, maxRetriesPerRequest },
  });
}

/**
 * A second connection like `client` (a subscriber, which cannot send other commands), with its own
 * behaviour while Redis is away. ioredis's Cluster takes the node options under redisOptions.
 */
export function duplicateRedis(client: RedisClient, behaviour: Pick<ConnectionBehaviour, 'enableOfflineQueue' | 'maxRetriesPerRequest'>): RedisClient {
  if (!isCluster(client)) return client.duplicate(behaviour);
  return client.duplicate(undefined, {
    enableOfflineQueue: behaviour.enableOfflineQueue,
    redisOptions: { ...client.options.redisOptions, maxRetriesPerRequest: behaviour.maxRetriesPerRequest },
  });
}

export function isCluster(client: RedisClient): client is Cluster {
  return client.isCluster;
}
