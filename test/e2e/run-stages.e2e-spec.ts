import { Queue } from 'bullmq';
import { Client } from 'pg';
import { RUN_QUEUES } from '../../src/modules/agents/agent-queues';
import { redisOptionsFromUrl } from '../../src/infra/queue/redis-connection';
import { runJobId } from '../../src/modules/orchestration/queue/run-job';
import { createTestApp, bearer, type TestApp } from '../support/app';
import { pollUntil } from '../support/poll';
import { DisposableRedis } from '../support/redis-server';
import { TEST_ENCRYPTION_KEYS, type ServiceProcess } from '../support/service-process';
import { STAGE_CHILD_AGENT, STAGE_PARENT_AGENT, STAGE_TEST_AGENTS } from '../support/stage-test-agents';
import { startTestWorker } from '../support/worker-process';
import { queuePrefix } from '../../src/infra/redis/redis-keys';

interface RunView {
  id: string;
  status: string;
  parentRunId: string | null;
  output: { runIds?: string[] } | null;
  error?: { class: string };
}

/**
 * Runs that start runs, on the stage queues: a parent on email.compose starts children on
 * email.send through `runs.start`; API and worker are separate processes, as in production.
 */
describe('Stage runs (runs.start) on their own queues', () => {
  let redis: DisposableRedis;
  let api: TestApp;
  const workers: ServiceProcess[] = [];
  const queues: Queue[] = [];
  let sql: Client;

  beforeAll(async () => {
    redis = await DisposableRedis.create();
    await redis.start();
    api = await createTestApp({ redisUrl: redis.url, encryptionKeys: TEST_ENCRYPTION_KEYS }, undefined, STAGE_TEST_AGENTS);
    sql = new Client({ connectionString: api.db.url });
    await sql.connect();
    await startTestWorker({ DATABASE_URL: api.db.url, REDIS_URL: redis.url, DATABASE_POOL_SIZE: '3', USE_MOCK_CONNECTORS: 'true', NEONHUB_ENCRYPTION_KEYS: TEST_ENCRYPTION_KEYS }, workers);
  }, 60_000);

  afterAll(async () => {
    await sql?.end();
    await Promise.all(queues.map((q) => q.close()));
    await Promise.all(workers.map((w) => w.stop()));
    await api?.close();
    await redis?.stop();
  });

  const queue = (name: string) => {
    const q = new Queue(name, { connection: redisOptionsFromUrl(redis.url), prefix: queuePrefix(name) });
    queues.push(q);
    return q;
  };
  const start = (input: object) => api.http.post('/v1/runs').set(bearer(api.apiKey)).send({ agent: STAGE_PARENT_AGENT, mode: 'async', input }).expect(202);
  const get = async (id: string) => (await api.http.get(`/v1/runs/${id}`).set(bearer(api.apiKey)).expect(200)).body as RunView;
  const finished = (id: string) => pollUntil(() => get(id), (run) => !['QUEUED', 'RUNNING'].includes(run.status), { what: `run ${id} to finish`, timeoutMs: 20_000 });

  it('should run the parent on its agent queue and each child on the stage queue, linked to the parent', async () => {
    const parent = await finished((await start({ children: 2 })).body.id);

    expect(parent.status).toBe('COMPLETED');
    const children = await Promise.all(parent.output!.runIds!.map(finished));
    expect(children.map((c) => [c.status, c.parentRunId])).toEqual([['COMPLETED', parent.id], ['COMPLETED', parent.id]]);
    expect(await (await queue(RUN_QUEUES.emailCompose).getJob(runJobId(parent.id, 0)))?.getState()).toBe('completed');
    for (const child of children) expect(await (await queue(RUN_QUEUES.emailSend).getJob(runJobId(child.id, 0)))?.getState()).toBe('completed');
    expect(await queue(RUN_QUEUES.agentRun).getJob(runJobId(parent.id, 0))).toBeUndefined();
  });

  it('should replay the starts on a retry: a parent that fails after starting its children starts each once', async () => {
    const parent = await finished((await start({ children: 2, failFirstAttempt: true })).body.id);

    expect(parent.status).toBe('COMPLETED');
    const rows = await sql.query<{ count: string }>('SELECT count(*) FROM agent_runs WHERE parent_run_id = $1', [parent.id]);
    expect(Number(rows.rows[0].count)).toBe(2);
  });

  it('should resume a parent waiting for its children when they end (waitForRun), with their outcomes', async () => {
    const parentId = (await start({ children: 2, wait: true, childAsks: true })).body.id as string;
    const waiting = await pollUntil(() => get(parentId), (run) => run.status === 'WAITING', { what: 'the parent to wait for its children' });
    expect(waiting.status).toBe('WAITING');

    const approvals = await pollUntil(
      async () => (await api.http.get('/v1/approvals?status=pending').set(bearer(api.apiKey)).expect(200)).body.items as { id: string; runId: string; title?: string }[],
      (list) => list.filter((a) => a.title?.startsWith('child')).length === 2,
      { what: 'both children to ask' },
    );
    for (const approval of approvals.filter((a) => a.title?.startsWith('child'))) {
      await api.http.post(`/v1/runs/${approval.runId}/approvals/${approval.id}`).set(bearer(api.apiKey)).send({ decision: 'approve' }).expect(200);
    }
    // Woken by its children, well before its own re-check (5 min).
    const parent = await pollUntil(() => get(parentId), (run) => run.status === 'COMPLETED', { what: 'the parent to resume and complete', timeoutMs: 20_000 });

    expect((parent.output as { outcomes: { status: string; output: { n: number } }[] }).outcomes.map((o) => [o.status, o.output.n])).toEqual([['COMPLETED', 1], ['COMPLETED', 2]]);
  });

  it('should refuse an internal stage agent on POST /v1/runs with 400', async () => {
    const res = await api.http.post('/v1/runs').set(bearer(api.apiKey)).send({ agent: STAGE_CHILD_AGENT, input: { n: 1 } }).expect(400);

    expect(res.body.message).toContain('cannot be run directly');
  });

  it('should fail the parent that starts an agent it does not declare, starting nothing', async () => {
    const parent = await finished((await start({ children: 1, childAgent: 'echo' })).body.id);

    expect(parent).toMatchObject({ status: 'FAILED', error: { class: 'ChildAgentNotAllowedError' } });
    const rows = await sql.query<{ count: string }>('SELECT count(*) FROM agent_runs WHERE parent_run_id = $1', [parent.id]);
    expect(Number(rows.rows[0].count)).toBe(0);
  });
});
