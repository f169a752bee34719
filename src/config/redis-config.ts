import { ConfigurationError } from './app-config-error';
import type { EnvironmentVariables } from './environment';

export interface RedisNode {
  host: string;
  port: number;
}

/** Set when the deployment runs on a Redis Cluster (REDIS_CLUSTER_NODES); absent means one Redis at REDIS_URL. */
export interface RedisClusterConfig {
  /** Startup nodes: ioredis discovers the others (and the slot map) from any one of them. */
  nodes: RedisNode[];
}

const NODE = /^(?:\[([0-9A-Fa-f:.]+)\]|([A-Za-z0-9._-]+)):(\d{1,5})$/;

/** "10.0.0.1:6379, redis-2:6379, [::1]:7000" -> nodes; a clear error names the entry that is not host:port. */
export function parseClusterNodes(spec: string): RedisNode[] {
  const entries = spec.split(',').map((entry) => entry.trim()).filter(Boolean);
  if (entries.length === 0) throw new ConfigurationError('Invalid configuration: REDIS_CLUSTER_NODES must name at least one host:port');
  return entries.map((entry) => {
    const match = NODE.exec(entry);
    const port = match ? Number(match[3]) : NaN;
    if (!match || port < 1 || port > 65535) {
      throw new ConfigurationError(`Invalid configuration: REDIS_CLUSTER_NODES entries must be host:port with a port from 1 to 65535 (got "${entry}")`);
    }
    return { host: match[1] ?? match[2], port };
  });
}

export function loadRedisClusterConfig(vars: EnvironmentVariables): RedisClusterConfig | undefined {
  if (!vars.REDIS_CLUSTER_NODES) return undefined;
  const nodes = parseClusterNodes(vars.REDIS_CLUSTER_NODES);
  // A cluster has database 0 only (SELECT is refused): a URL naming another one is a mistake to stop at boot.
  const database = new URL(vars.REDIS_URL).pathname.slice(1);
  if (database !== '' && database !== '0') {
    throw new ConfigurationError('Invalid configuration: REDIS_URL names a database other than 0, which a Redis Cluster (REDIS_CLUSTER_NODES) does not have');
  }
  return { nodes };
}
