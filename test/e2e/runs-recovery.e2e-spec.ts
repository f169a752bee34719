import { getQueueToken } from '@nestjs/bullmq';
import { Queue, Worker } from 'bullmq';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { loadConfig } from '../../src/config/app-config';
import { applyMigrations } from '../../src/infra/database/migrations/migrator';
import { AgentRegistry } from '../../src/modules/agents/agent-registry';
import { LeaseSweeper } from '../../src/modules/orchestration/lease-sweeper';
import { AGENT_RUN_QUEUE, runJobId } from '../../src/modules/orchestration/queue/run-job';
import { RunExecutor } from '../../src/modules/orchestration/run-executor';
import { bearer, createTestApp, TestApp } from '../support/app';
import { createTestDatabase, TestDatabase } from '../support/database';
import { useE2eApp } from '../support/e2e-context';
import { pollUntil } from '../support/poll';
import { DisposableRedis } from '../support/redis-server';
import type { ServiceProcess } from '../support/service-process';
import { TcpProxy } from '../support/tcp-proxy';
import { metricValue, startWorker } from '../support/worker-process';
import { queuePrefix } from '../../src/infra/redis/redis-keys';

const FINAL = ['COMPLETED', 'FAILED', 'CANCELLED', 'TIMED_OUT'];

/**
 * Every run ends, whatever happened to the process executing it: the rows a dead process leaves
 * behind (a RUNNING run whose lease lapsed, tool calls still RUNNING) are what these tests start
 * from, written as that process would have left them.
 */
describe('Runs whose process died', () => {
  const sut = useE2eApp();

  async function agentRow(name: string, kind: string): Promise<string> {
    const { rows } = await sut.sql.query(
      `INSERT INTO agents (organization_id, name, kind, description, updated_at) VALUES ($1, $2, $3, 'test', now())
       ON CONFLICT (organization_id, name) DO UPDATE SET updated_at = now() RETURNING id`,
      [sut.organizationId, name, kind],
    );
    return rows[0].id as string;
  }

  /** A RUNNING run whose process stopped renewing its lease a minute ago, mid-call on step `step`. */
  async function lapsedRun(agent: string, kind: string, openCall: { tool: string; connector: string | null; action: string }): Promise<string> {
    const agentId = await agentRow(agent, kind);
    const run = await sut.sql.query(
      `INSERT INTO agent_runs (organization_id, agent_id, status, mode, attempt, lease_owner, lease_expires_at, started_at, updated_at, input)
       VALUES ($1, $2, 'RUNNING', 'SYNC', 1, 'a-process-that-died', now() - interval '1 minute', now() - interval '2 minutes', now(), '{}') RETURNING id`,
      [sut.organizationId, agentId],
    );
    const runId = run.rows[0].id as string;
    await sut.sql.query(
      `INSERT INTO tool_executions (organization_id, run_id, tool_name, connector_key, action, step, attempt, status, input, output, finished_at)
       VALUES ($1, $2, $3, $4, $5, 1, 1, 'SUCCEEDED', '{}', '{"sent":true}', now())`,
      [sut.organizationId, runId, openCall.tool, openCall.connector, openCall.action],
    );
    await sut.sql.query(
      `INSERT INTO tool_executions (organization_id, run_id, tool_name, connector_key, action, step, attempt, status, input)
       VALUES ($1, $2, $3, $4, $5, 2, 1, 'RUNNING', '{}')`,
      [sut.organizationId, runId, openCall.tool, openCall.connector, openCall.action],
    );
    return runId;
  }

  const runRow = async (id: string) => (await sut.sql.query('SELECT status, attempt, error_class, mode FROM agent_runs WHERE id = $1', [id])).rows[0];
  const stepRows = async (id: string) =>
    (await sut.sql.query('SELECT step, status, error_class, output FROM tool_executions WHERE run_id = $1 ORDER BY step', [id])).rows;

  it("should end a lapsed connector.invoke run FAILED at its own attempt limit, its sent step on record and its open call INTERRUPTED", async () => {
    const id = await lapsedRun('connector.invoke', 'CONNECTOR', { tool: 'slack', connector: 'slack', action: 'send_message' });

    const swept = await sut.app.get(LeaseSweeper).sweep();

    expect(swept.exhausted).toContain(id);
    expect(swept.requeued).not.toContain(id);
    expect(await runRow(id)).toEqual({ status: 'FAILED', attempt: 1, error_class: 'LeaseExpiredError', mode: 'SYNC' });
    expect(await stepRows(id)).toEqual([
      { step: 1, status: 'SUCCEEDED', error_class: null, output: { sent: true } },
      { step: 2, status: 'INTERRUPTED', error_class: 'InterruptedError', output: { mayHaveReachedProvider: true } },
    ]);
  });

  it('should requeue a lapsed echo run with attempts left, closing its open in-process call INTERRUPTED', async () => {
    const id = await lapsedRun('echo', 'DIAGNOSTIC', { tool: 'diagnostics', connector: null, action: 'echo' });

    const swept = await sut.app.get(LeaseSweeper).sweep();

    expect(swept.requeued).toContain(id);
    expect(await runRow(id)).toEqual({ status: 'QUEUED', attempt: 1, error_class: null, mode: 'ASYNC' });
    expect((await stepRows(id))[1]).toEqual({ step: 2, status: 'INTERRUPTED', error_class: 'InterruptedError', output: { mayHaveReachedProvider: false } });
    const job = await sut.app.get<Queue>(getQueueToken(AGENT_RUN_QUEUE)).getJob(runJobId(id, 1));
    expect(job?.data).toEqual(expect.objectContaining({ runId: id, agent: 'echo', organizationId: sut.organizationId }));
    await job?.remove();
  });

  it('should end FAILED a queued run that has used its attempts when a worker claims it, instead of skipping it forever', async () => {
    const agentId = await agentRow('connector.invoke', 'CONNECTOR');
    const { rows } = await sut.sql.query(
      `INSERT INTO agent_runs (organization_id, agent_id, status, mode, attempt, updated_at, input) VALUES ($1, $2, 'QUEUED', 'ASYNC', 1, now(), '{}') RETURNING id`,
      [sut.organizationId, agentId],
    );
    const agent = sut.app.get(AgentRegistry).get('connector.invoke');

    await expect(sut.app.get(RunExecutor).execute(agent, { kind: 'claim', runId: rows[0].id, organizationId: sut.organizationId })).resolves.toBeNull();

    expect(await runRow(rows[0].id)).toEqual({ status: 'FAILED', attempt: 1, error_class: 'AttemptsExhaustedError', mode: 'ASYNC' });
  });
});

/**
 * A worker whose path to Postgres is cut (a proxy in front of the real server), on a Redis of this
 * file's own: the queue name is fixed, and a shared Redis would let another spec's worker take
 * these runs, or this file's throwaway consumer take another spec's.
 */
describe('Async runs while the database is unreachable', () => {
  let redis: DisposableRedis;
  let db: TestDatabase;
  let pg: Client;
  let api: TestApp;
  let proxy: TcpProxy;
  const processes: ServiceProcess[] = [];

  beforeAll(async () => {
    redis = await DisposableRedis.create();
    await redis.start();
    db = await createTestDatabase();
    await applyMigrations({ databaseUrl: db.url });
    pg = new Client({ connectionString: db.url });
    await pg.connect();
    api = await createTestApp({ redisUrl: redis.url, runs: { ...loadConfig().runs, leaseMs: 2_000 } }, db);
    proxy = await TcpProxy.start({ host: new URL(db.url).hostname, port: Number(new URL(db.url).port || 5432) });
  });
  afterAll(async () => {
    await Promise.all(processes.splice(0).map((p) => p.stop()));
    await api?.close();
    await proxy?.cut();
    await pg?.end();
    await db?.drop();
    await redis?.stop();
  });

  const queue = () => api.app.get<Queue>(getQueueToken(AGENT_RUN_QUEUE));
  const status = async (id: string) => (await pg.query('SELECT status FROM agent_runs WHERE id = $1', [id])).rows[0].status as string;
  /** One query for all: a pg Client runs one query at a time. */
  const statuses = async (ids: string[]) => {
    const { rows } = await pg.query<{ id: string; status: string }>('SELECT id, status FROM agent_runs WHERE id = ANY($1::uuid[])', [ids]);
    return ids.map((id) => rows.find((r) => r.id === id)?.status);
  };

  it('should run the async runs a worker took while Postgres was unreachable, once it is back', async () => {
    await startWorker(
      { DATABASE_URL: proxy.urlFor(db.url), REDIS_URL: redis.url, DATABASE_POOL_SIZE: '2', RUN_LEASE_MS: '2000', NEONHUB_ENCRYPTION_KEYS: `test:${randomBytes(32).toString('base64')}` },
      processes,
    );
    await proxy.cut();
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await api.http.post('/v1/runs').set(bearer(api.apiKey)).send({ agent: 'echo', mode: 'async', input: { message: `during outage ${i}`, toolCalls: 1 } }).expect(202);
      ids.push(res.body.id);
    }
    // Each job's first attempt fails (no database): they wait for their retry, the runs still QUEUED.
    // A claim fails only once the worker's database pool gives up on the cut connection; on a
    // machine busy with the rest of the suite that once took more than 15 s.
    await pollUntil(() => queue().getJobCounts('delayed', 'failed'), (c) => c.delayed + c.failed === ids.length, { timeoutMs: 40_000, what: 'every job to have failed its claim' });
    expect(await statuses(ids)).toEqual(['QUEUED', 'QUEUED', 'QUEUED']);

    await proxy.restore();

    const final = await pollUntil(() => statuses(ids), (all) => all.every((s) => s !== undefined && FINAL.includes(s)), { timeoutMs: 30_000, what: 'the runs to finish after the outage' });
    expect(final).toEqual(['COMPLETED', 'COMPLETED', 'COMPLETED']);
  }, 90_000);

  it("should put back in the queue the ended job of a run still QUEUED, which a plain re-add under its id would ignore", async () => {
    await Promise.all(processes.splice(0).map((p) => p.stop()));
    // No worker consumes the queue now, and the answer says so (a fresh API: the first one saw the
    // worker of the test before, and asks Redis again only every few seconds).
    const fresh = await createTestApp({ redisUrl: redis.url }, db);
    const res = await fresh.http.post('/v1/runs').set(bearer(fresh.apiKey)).send({ agent: 'echo', mode: 'async', input: { message: 'stranded' } }).expect(202);
    await fresh.close();
    const id = res.body.id as string;
    expect(res.body.warning).toEqual(expect.stringContaining('no worker is consuming agent.run'));
    // Its job ends without the run being claimed, as when every retry met the database down: the
    // same job, with no retries left, taken by a consumer that can only fail.
    const jobId = runJobId(id, 0);
    const job = await queue().getJob(jobId);
    await job!.remove();
    await queue().add('run', job!.data, { jobId, attempts: 1 });
    const failing = new Worker(AGENT_RUN_QUEUE, () => Promise.reject(new Error('connect ECONNREFUSED')), { connection: { url: redis.url }, prefix: queuePrefix(AGENT_RUN_QUEUE) });
    try {
      await pollUntil(() => queue().getJobState(jobId), (state) => state === 'failed', { timeoutMs: 10_000, what: 'the job to fail' });
    } finally {
      await failing.close();
    }
    // A plain add under the run's deterministic id changes nothing: that was the defect.
    await queue().add('run', job!.data, { jobId });
    expect(await queue().getJobState(jobId)).toBe('failed');
    await pg.query("UPDATE agent_runs SET updated_at = now() - interval '1 minute' WHERE id = $1", [id]);

    const added = async () => metricValue((await api.http.get('/metrics').expect(200)).text, 'neonhub_queue_jobs_added_total', { queue: AGENT_RUN_QUEUE }) ?? 0;
    const addedBefore = await added();

    const swept = await api.app.get(LeaseSweeper).sweep();

    expect(swept.reenqueued).toBe(1);
    expect(await queue().getJobState(runJobId(id, 0))).toBe('waiting');
    expect(await status(id)).toBe('QUEUED');
    expect(await added()).toBe(addedBefore + 1);
    // Swept again while its job waits: nothing is added, and nothing is counted.
    expect((await api.app.get(LeaseSweeper).sweep()).reenqueued).toBe(0);
    expect(await added()).toBe(addedBefore + 1);
  }, 30_000);
});
