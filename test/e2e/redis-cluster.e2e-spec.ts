import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Queue } from 'bullmq';
import { Cluster } from 'ioredis';
import { PinoLogger } from 'nestjs-pino';
import { once } from 'node:events';
import { randomUUID } from 'node:crypto';
import { loadConfig } from '../../src/config/app-config';
import { connectRedis } from '../../src/infra/redis/redis-client';
import { organizationRunSlotKeys, queuePrefix, rateLimiterPrefixes, redisChannels } from '../../src/infra/redis/redis-keys';
import { RedisService } from '../../src/infra/redis/redis.service';
import { REFRESH_LOCK, type RefreshLock } from '../../src/modules/connectors/vault/refresh-lock';
import { OrganizationRunSlots } from '../../src/modules/policies/organization-run-slots';
import { createWorker } from '../../src/worker';
import { bearer, createTestApp, randomApiKey, type TestApp } from '../support/app';
import { hashSlot } from '../support/hash-slot';
import { pollUntil } from '../support/poll';
import { DisposableRedisCluster } from '../support/redis-cluster';

const RUNS_PER_MINUTE = 50;
const AUTH_FAILURES = { failureLimit: 3, failureWindowSeconds: 60 };

/**
 * The API and a worker on a real three-master Redis Cluster (REDIS_CLUSTER_NODES), nothing on the
 * single test Redis: jobs, the run semaphore's scripts, the rate limiters' counters, the refresh
 * lock and pub/sub all go through the cluster, where a command touching keys of two slots fails
 * with CROSSSLOT.
 */
describe('Redis Cluster', () => {
  let cluster: DisposableRedisCluster;
  let api: TestApp;
  let worker: NestFastifyApplication;
  /** The test's own view of the cluster, to read what the app wrote. */
  let inspector: Cluster;

  // The deadline is for a busy machine, not an expectation: the cluster and both apps start in a few seconds.
  beforeAll(async () => {
    cluster = await DisposableRedisCluster.create();
    await cluster.start();
    const redisCluster = { nodes: cluster.nodes };
    const runs = { ...loadConfig().runs, rateLimitPerMinute: RUNS_PER_MINUTE };
    // A REDIS_URL nothing listens on: anything that bypassed the cluster configuration would fail.
    api = await createTestApp({ redisUrl: 'redis://127.0.0.1:1', redisCluster, runs, auth: AUTH_FAILURES, trustProxy: ['loopback'] });
    worker = await createWorker({ ...api.config, workerPort: 0 });
    await worker.init();
    inspector = connectRedis(api.config, { enableOfflineQueue: true, maxRetriesPerRequest: 3 }) as Cluster;
    await Promise.all([ready(api.app), ready(worker), once(inspector, 'ready')]);
  }, 120_000);

  afterAll(async () => {
    inspector?.disconnect();
    await worker?.close();
    await api?.close();
    await cluster?.stop();
  }, 30_000);

  const submit = (input: Record<string, unknown>) => api.http.post('/v1/runs').set(bearer(api.apiKey)).send({ agent: 'echo', mode: 'async', input });
  const getRun = async (id: string) => (await api.http.get(`/v1/runs/${id}`).set(bearer(api.apiKey)).expect(200)).body as { status: string; output: unknown };

  it('should report Redis up on readiness, with the cluster configuration', async () => {
    expect(api.app.get(RedisService).client).toBeInstanceOf(Cluster);

    const res = await api.http.get('/health/ready').expect(200);

    expect(res.body.details.redis).toMatchObject({ status: 'up' });
  });

  it('should run an async run end to end: the API queues its job on the cluster and the worker completes it', async () => {
    const submitted = await submit({ message: 'on the cluster' }).expect(202);

    const run = await pollUntil(() => getRun(submitted.body.id as string), (r) => r.status === 'COMPLETED' || r.status === 'FAILED', { timeoutMs: 20_000, what: 'the run to finish' });

    expect(run).toMatchObject({ status: 'COMPLETED', output: { message: 'on the cluster' } });
    // The job was BullMQ's, on agent.run's hash-tagged keys: its history is in the completed set.
    const completed = await inspector.zcard(`${queuePrefix('agent.run')}:agent.run:completed`);
    expect(completed).toBeGreaterThanOrEqual(1);
  });

  it('should spread the queues over more than one master', async () => {
    const masters = inspector.nodes('master');
    const queueKeysPerMaster = await Promise.all(masters.map(async (node) => (await node.keys('neonhub:{*')).length));

    expect(masters).toHaveLength(3);
    expect(queueKeysPerMaster.filter((count) => count > 0).length).toBeGreaterThanOrEqual(2);
  });

  it('should count runs against the rate limit in the cluster, not in the per-process fallback', async () => {
    const key = `${rateLimiterPrefixes.runs(RUNS_PER_MINUTE)}:echo:${api.userId}`;
    const before = Number((await inspector.get(key)) ?? 0);

    await submit({ message: 'counted' }).expect(202);

    expect(Number(await inspector.get(key))).toBe(before + 1);
  });

  it('should refuse failed authentications past the limit, counted in the cluster', async () => {
    const address = `2001:db8::${randomUUID().slice(0, 4)}`;
    const me = () => api.http.get('/v1/me').set('X-Forwarded-For', address).set(bearer(randomApiKey()));

    const statuses = [];
    for (let i = 0; i <= AUTH_FAILURES.failureLimit; i++) statuses.push((await me()).status);

    expect(statuses).toEqual([401, 401, 401, 429]);
    expect(Number(await inspector.get(`${rateLimiterPrefixes.authFailures(AUTH_FAILURES.failureLimit, AUTH_FAILURES.failureWindowSeconds)}:${address}`))).toBe(AUTH_FAILURES.failureLimit);
  });

  it('should run both scripts of the organization semaphore (two keys, one slot): park, then hand the freed slot on', async () => {
    const slots = api.app.get(OrganizationRunSlots);
    const organizationId = randomUUID();
    const holders = [randomUUID()];
    const { granted, limit } = await slots.acquire({ organizationId, runId: holders[0] });
    while (holders.length < limit) holders.push(randomUUID());
    const waiting = randomUUID();

    expect(granted).toBe(true);
    for (const runId of holders.slice(1)) expect(await slots.acquire({ organizationId, runId })).toMatchObject({ granted: true });
    const parked = await slots.acquire({ organizationId, runId: waiting });
    const released = await slots.release({ organizationId, runId: holders[0] });

    expect(parked.granted).toBe(false);
    expect(released.runIds).toEqual([waiting]);
    expect(await slots.snapshot(organizationId)).toEqual({ held: expect.arrayContaining([waiting, ...holders.slice(1)]) as string[], parked: [] });
    const { held, parked: parkedKey } = organizationRunSlotKeys(organizationId);
    expect(await inspector.cluster('KEYSLOT', held)).toBe(hashSlot(parkedKey));
  });

  it('should hold and release the token refresh lock through its script', async () => {
    const lock = api.app.get<RefreshLock>(REFRESH_LOCK);
    const connectionId = randomUUID();

    const first = await lock.tryAcquire(connectionId);
    const second = await lock.tryAcquire(connectionId);
    if (typeof first === 'string') throw new Error(`expected the lock, got ${first}`);
    await first.release();
    const third = await lock.tryAcquire(connectionId);

    expect(second).toBe('held');
    expect(typeof third).toBe('object');
  });

  it('should deliver pub/sub messages to a subscriber duplicated from the app connection, as run events and cancellations travel', async () => {
    const subscriber = api.app.get(RedisService).duplicate({ enableOfflineQueue: true, maxRetriesPerRequest: null });
    try {
      expect(subscriber).toBeInstanceOf(Cluster);
      const channel = redisChannels.runEvents(randomUUID());
      const received = once(subscriber, 'message') as Promise<[string, string]>;
      await subscriber.subscribe(channel);

      await worker.get(RedisService).client.publish(channel, 'hello');

      await expect(received).resolves.toEqual([channel, 'hello']);
    } finally {
      subscriber.disconnect();
    }
  });

  it('should refuse a queue without a hash tag on the cluster, which is what the tagged prefix prevents', async () => {
    const untagged = new Queue('cluster.untagged', { connection: inspector, prefix: 'bull' });
    untagged.on('error', () => undefined);
    try {
      await expect(untagged.add('job', {})).rejects.toThrow(/CROSSSLOT|same slot/i);
    } finally {
      await untagged.close();
    }
  });
});

describe('Redis Cluster readiness', () => {
  let cluster: DisposableRedisCluster;
  let sut: RedisService;

  beforeAll(async () => {
    cluster = await DisposableRedisCluster.create();
    await cluster.start();
    sut = new RedisService({ ...loadConfig({}), redisCluster: { nodes: cluster.nodes } }, new PinoLogger({ pinoHttp: { level: 'silent' } }));
  }, 30_000);

  afterAll(async () => {
    await sut?.onApplicationShutdown();
    await cluster?.stop();
  });

  it('should report the cluster down once a master is lost, although the other nodes still answer PING', async () => {
    await sut.ping(2_000);

    await cluster.kill(2);

    const failure = await pollUntil(
      () => sut.ping(1_000).then(() => 'up', (error: Error) => error.message),
      (message) => message.includes('cluster state'),
      { timeoutMs: 15_000, intervalMs: 250, what: 'readiness to see the cluster state fail' },
    );
    expect(failure).toBe('redis cluster state is fail');
  }, 30_000);
});

async function ready(app: NestFastifyApplication): Promise<void> {
  const { client } = app.get(RedisService);
  if (client.status !== 'ready') await once(client, 'ready');
}
