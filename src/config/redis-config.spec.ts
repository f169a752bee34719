import { ConfigurationError, loadConfig } from './app-config';
import { parseClusterNodes } from './redis-config';

function errorOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigurationError) return error.message;
    throw error;
  }
  throw new Error('expected a ConfigurationError');
}

describe(parseClusterNodes.name, () => {
  it('should read host:port entries, trimmed, with names, addresses and bracketed IPv6', () => {
    expect(parseClusterNodes(' 10.0.0.1:7000, redis_node-2.internal:6379,[::1]:7001, ')).toEqual([
      { host: '10.0.0.1', port: 7000 },
      { host: 'redis_node-2.internal', port: 6379 },
      { host: '::1', port: 7001 },
    ]);
  });

  it.each(['redis-1', 'redis-1:', ':6379', 'redis-1:0', 'redis-1:65536', 'redis://redis-1:6379', 'a b:1'])('should refuse %p naming the entry', (entry) => {
    expect(errorOf(() => parseClusterNodes(`10.0.0.1:7000,${entry}`))).toBe(
      `Invalid configuration: REDIS_CLUSTER_NODES entries must be host:port with a port from 1 to 65535 (got "${entry}")`,
    );
  });

  it('should refuse a list without any entry', () => {
    expect(errorOf(() => parseClusterNodes(' , '))).toBe('Invalid configuration: REDIS_CLUSTER_NODES must name at least one host:port');
  });
});

describe('loadConfig redisCluster', () => {
  it('should leave the single Redis at REDIS_URL when REDIS_CLUSTER_NODES is unset or empty', () => {
    expect(loadConfig({ REDIS_URL: 'redis://cache:6380/2' })).toMatchObject({ redisUrl: 'redis://cache:6380/2', redisCluster: undefined });
    expect(loadConfig({ REDIS_CLUSTER_NODES: '' }).redisCluster).toBeUndefined();
  });

  it('should configure the cluster nodes, keeping REDIS_URL for its credentials', () => {
    const sut = loadConfig({ REDIS_CLUSTER_NODES: 'r1:7000,r2:7000', REDIS_URL: 'rediss://app:secret@ignored:6379' });

    expect(sut.redisCluster).toEqual({ nodes: [{ host: 'r1', port: 7000 }, { host: 'r2', port: 7000 }] });
    expect(sut.redisUrl).toBe('rediss://app:secret@ignored:6379');
  });

  it('should refuse a REDIS_URL naming a database other than 0 with a cluster, which has only database 0', () => {
    expect(loadConfig({ REDIS_CLUSTER_NODES: 'r1:7000', REDIS_URL: 'redis://r1:7000/0' }).redisCluster).toBeDefined();
    expect(errorOf(() => loadConfig({ REDIS_CLUSTER_NODES: 'r1:7000', REDIS_URL: 'redis://r1:7000/3' }))).toBe(
      'Invalid configuration: REDIS_URL names a database other than 0, which a Redis Cluster (REDIS_CLUSTER_NODES) does not have',
    );
  });

  it('should refuse a malformed REDIS_CLUSTER_NODES at boot', () => {
    expect(errorOf(() => loadConfig({ REDIS_CLUSTER_NODES: 'r1' }))).toContain('REDIS_CLUSTER_NODES entries must be host:port');
  });
});
