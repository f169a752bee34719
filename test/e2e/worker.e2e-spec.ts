import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { Client } from 'pg';
import type TestAgent from 'supertest/lib/agent';
import { loadConfig } from '../../src/config/app-config';
import { applyMigrations } from '../../src/infra/database/migrations/migrator';
import { RedisService } from '../../src/infra/redis/redis.service';
import { bearer, createTestApp, TestApp } from '../support/app';
import { createTestDatabase, TestDatabase } from '../support/database';
import { DisposableRedis } from '../support/redis-server';
import { ServiceProcess } from '../support/service-process';
import { pollUntil } from '../support/poll';
import { metricValue, startWorker } from '../support/worker-process';

const FINAL = ['COMPLETED', 'FAILED', 'CANCELLED', 'TIMED_OUT'];

interface ToolExecutionView {
  step: number;
  attempt: number;
  status: string;
  tool: string;
  action: string;
}
interface RunView {
  id: string;
  status: string;
  attempt: number;
  error: { class: string; message: string } | null;
  toolExecutions: ToolExecutionView[];
}

async function redisReady(app: NestFastifyApplication): Promise<void> {
  const { client } = app.get(RedisService);
  if (client.status !== 'ready') await once(client, 'ready');
}

/**
 * Every test gets its own Redis server and database: the queue name is fixed (agent.run), so a
 * shared Redis would let another spec's worker, or a job this file's killed worker left behind,
 * take runs that are not its own.
 */
describe('NeonHub worker process', () => {
  let redis: DisposableRedis;
  let db: TestDatabase;
  let pg: Client;
  let api: TestApp;
  let workerEnv: Record<string, string>;
  const processes: ServiceProcess[] = [];
  /** Undone in reverse after each test, so a beforeEach that failed halfway still cleans up. */
  const cleanups: Array<() => Promise<unknown>> = [];

  /** The API, in process, on this test's Redis and database; the lease policy matches the workers'. */
  const apiOverrides = () => {
    const runs = loadConfig().runs;
    return { redisUrl: redis.url, runs: { ...runs, leaseMs: 2_000, rateLimitPerMinute: 100_000 } };
  };

  /** A second API instance on the same database and Redis, sharing the seeded key. */
  async function secondApi(): Promise<TestAgent> {
    const second = await createTestApp(apiOverrides(), db);
    cleanups.push(() => second.close());
    await redisReady(second.app);
    return second.http;
  }

  async function submit(http: TestAgent, input: Record<string, unknown>): Promise<string> {
    const res = await http.post('/v1/runs').set(bearer(api.apiKey)).send({ agent: 'echo', mode: 'async', input }).expect(202);
    expect(res.body).toEqual({ id: expect.any(String), status: 'QUEUED' });
    return res.body.id as string;
  }

  async function getRun(id: string): Promise<RunView> {
    return (await api.http.get(`/v1/runs/${id}`).set(bearer(api.apiKey)).expect(200)).body as RunView;
  }

  const settled = (id: string, timeoutMs = 15_000) => pollUntil(() => getRun(id), (r) => FINAL.includes(r.status), { timeoutMs, what: `run ${id} to finish` });

  async function statusCounts(): Promise<Record<string, number>> {
    const { rows } = await pg.query<{ status: string; n: number }>('SELECT status, count(*)::int AS n FROM agent_runs GROUP BY status');
    return Object.fromEntries(rows.map((r) => [r.status, r.n]));
  }

  beforeEach(async () => {
    const server = await DisposableRedis.create();
    await server.start();
    cleanups.push(() => server.stop());
    redis = server;
    const database = await createTestDatabase();
    cleanups.push(() => database.drop());
    db = database;
    await applyMigrations({ databaseUrl: db.url });
    const client = new Client({ connectionString: db.url });
    await client.connect();
    cleanups.push(() => client.end());
    pg = client;
    const app = await createTestApp(apiOverrides(), db);
    cleanups.push(() => app.close());
    api = app;
    await redisReady(api.app);
    workerEnv = {
      DATABASE_URL: db.url,
      REDIS_URL: redis.url,
      DATABASE_POOL_SIZE: '4',
      RUN_LEASE_MS: '2000',
      WORKER_LOCK_MS: '2000',
      NEONHUB_ENCRYPTION_KEYS: `test:${randomBytes(32).toString('base64')}`,
    };
  });

  afterEach(async () => {
    await Promise.all(processes.splice(0).map((p) => p.stop()));
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('should execute an async run to COMPLETED with its tool executions, and answer readiness and metrics', async () => {
    const sut = await startWorker(workerEnv, processes);

    const id = await submit(api.http, { message: 'hello', toolCalls: 2 });
    const run = await settled(id);

    expect(run).toMatchObject({ status: 'COMPLETED', attempt: 1, error: null, output: { message: 'hello' } });
    expect(run.toolExecutions.map((t) => [t.tool, t.action, t.step, t.attempt, t.status])).toEqual([
      ['diagnostics', 'echo', 1, 1, 'SUCCEEDED'],
      ['diagnostics', 'echo', 2, 1, 'SUCCEEDED'],
    ]);
    const ready = await fetch(`${sut.url}/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ok', details: { postgres: { status: 'up' }, redis: { status: 'up' } } });
    // The job's 'completed' event fires just after the run row is final: no event reaches the test.
    const exposition = await pollUntil(
      async () => (await fetch(`${sut.url}/metrics`)).text(),
      (text) => metricValue(text, 'neonhub_queue_jobs_completed_total', { queue: 'agent.run' }) === 1,
      { timeoutMs: 5_000, what: 'the worker to count its completed job' },
    );
    expect(metricValue(exposition, 'neonhub_queue_jobs_pending', { queue: 'agent.run' })).toBe(0);
  }, 60_000);

  it('should complete 40 runs exactly once across two workers and two API instances', async () => {
    // The organization may use both workers whole: no run waits for its slot, so each job executes one run.
    const env = { ...workerEnv, WORKER_CONCURRENCY: '4', ORGANIZATION_MAX_CONCURRENT_RUNS: '8' };
    const workers = await Promise.all([startWorker(env, processes), startWorker(env, processes)]);
    const apis = [api.http, await secondApi()];

    const ids = await Promise.all(Array.from({ length: 40 }, (_, i) => submit(apis[i % 2], { message: `run ${i}`, toolCalls: 2, audit: true })));
    await pollUntil(statusCounts, (c) => (c.COMPLETED ?? 0) + (c.FAILED ?? 0) + (c.CANCELLED ?? 0) + (c.TIMED_OUT ?? 0) === 40, {
      timeoutMs: 30_000,
      what: '40 runs to finish',
    });

    expect(await statusCounts()).toEqual({ COMPLETED: 40 });
    for (const run of await Promise.all(ids.map(getRun))) {
      expect(run.attempt).toBe(1);
      expect(run.toolExecutions.map((t) => [t.step, t.attempt, t.status])).toEqual([
        [1, 1, 'SUCCEEDED'],
        [2, 1, 'SUCCEEDED'],
      ]);
    }
    const audit = await pg.query<{ target_id: string; n: number }>(
      "SELECT target_id, count(*)::int AS n FROM audit_logs WHERE action = 'diagnostics.echo' GROUP BY target_id",
    );
    expect(audit.rows.map((r) => r.target_id).sort()).toEqual([...ids].sort());
    expect(audit.rows.every((r) => r.n === 1)).toBe(true);
    const perWorker = await Promise.all(
      workers.map(async (w) => metricValue(await (await fetch(`${w.url}/metrics`)).text(), 'neonhub_queue_jobs_completed_total', { queue: 'agent.run' }) ?? 0),
    );
    expect(perWorker.reduce((a, b) => a + b, 0)).toBe(40);
    expect(perWorker.every((n) => n > 0)).toBe(true);
  }, 90_000);

  it('should exit 0 on SIGTERM when idle by closing cleanly, within its drain budget', async () => {
    const sut = await startWorker(workerEnv, processes);

    sut.service.signal('SIGTERM');
    const { code } = await sut.service.exited;

    // Three ways out, each with its own trace: the app closed within the drain budget (exit 0,
    // silent), the budget ran out first ('handed back ... at shutdown', exit 0), or the forced
    // exit timer fired ('shutdown did not finish', exit 1). Only the first is right when idle;
    // how long a loaded machine takes to get there is not the subject.
    expect(code).toBe(0);
    expect(sut.service.stdout).not.toContain('handed back');
    expect(sut.service.stderr).not.toMatch(/shutdown (did not finish|failed)/);
  }, 60_000);

  it('should let a run in flight finish on SIGTERM, then exit 0', async () => {
    const sut = await startWorker({ ...workerEnv, SHUTDOWN_TIMEOUT_MS: '20000' }, processes);
    const id = await submit(api.http, { toolCalls: 1, delayMs: 1_500 });
    await pollUntil(() => getRun(id), (r) => r.status === 'RUNNING', { timeoutMs: 10_000, intervalMs: 25, what: `run ${id} to start` });

    sut.service.signal('SIGTERM');
    const { code } = await sut.service.exited;

    expect(code).toBe(0);
    const run = await getRun(id);
    expect(run).toMatchObject({ status: 'COMPLETED', attempt: 1 });
    expect(run.toolExecutions).toHaveLength(1);
    expect(sut.service.stdout).not.toContain('handed back');
  }, 60_000);

  it('should hand back a run still in flight when the shutdown budget runs out, exit 0, and let another worker resume it', async () => {
    // SHUTDOWN_TIMEOUT_MS 3000 leaves a 1 s drain budget (RunHandBack), well short of the run's 3 s wait.
    const sut = await startWorker({ ...workerEnv, SHUTDOWN_TIMEOUT_MS: '3000' }, processes);
    const id = await submit(api.http, { message: 'handed back', toolCalls: 2, delayMs: 3_000 });
    await pollUntil(
      () => getRun(id),
      (r) => r.status === 'RUNNING' && r.toolExecutions.filter((t) => t.status === 'SUCCEEDED').length === 2,
      { timeoutMs: 10_000, intervalMs: 25, what: `run ${id} to be RUNNING with its two tool calls made` },
    );

    sut.service.signal('SIGTERM');
    const { code } = await sut.service.exited;

    expect(code).toBe(0);
    expect(sut.service.stdout).toMatch(/"handedBack":1,.*"msg":"handed back runs still in flight at shutdown"/);
    expect(sut.service.stdout).toContain('run handed back at shutdown');
    expect((await getRun(id)).status).not.toBe('COMPLETED');
    await startWorker(workerEnv, processes);
    const run = await settled(id);
    expect(run).toMatchObject({ status: 'COMPLETED', attempt: 2, output: { message: 'handed back' } });
    expect(run.toolExecutions.map((t) => [t.step, t.attempt, t.status])).toEqual([
      [1, 1, 'SUCCEEDED'],
      [2, 1, 'SUCCEEDED'],
    ]);
    expect(await statusCounts()).toEqual({ COMPLETED: 1 });
  }, 60_000);

  it('should resume a run whose worker was killed, on another worker, without repeating its tool calls', async () => {
    const first = await startWorker(workerEnv, processes);
    const id = await submit(api.http, { message: 'survive', toolCalls: 2, delayMs: 3_000, audit: true });
    await pollUntil(
      () => getRun(id),
      (r) => r.status === 'RUNNING' && r.toolExecutions.filter((t) => t.status === 'SUCCEEDED').length === 2,
      { timeoutMs: 10_000, intervalMs: 25, what: `run ${id} to be RUNNING with its two tool calls made` },
    );

    first.service.signal('SIGKILL');
    expect(await first.service.exited).toEqual({ code: null, signal: 'SIGKILL' });
    await startWorker(workerEnv, processes);
    const run = await settled(id, 15_000);

    expect(run).toMatchObject({ status: 'COMPLETED', attempt: 2, output: { message: 'survive' } });
    // The retry answered both steps from the step log: no new rows, none from attempt 2.
    expect(run.toolExecutions.map((t) => [t.step, t.attempt, t.status])).toEqual([
      [1, 1, 'SUCCEEDED'],
      [2, 1, 'SUCCEEDED'],
    ]);
    const audit = await pg.query("SELECT 1 FROM audit_logs WHERE action = 'diagnostics.echo' AND target_id = $1", [id]);
    expect(audit.rowCount).toBe(1);
    expect(await statusCounts()).toEqual({ COMPLETED: 1 });
  }, 60_000);
});
