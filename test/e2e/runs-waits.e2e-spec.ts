import { Queue } from 'bullmq';
import { loadConfig } from '../../src/config/app-config';
import { AGENT_RUN_QUEUE, runJobId } from '../../src/modules/orchestration/queue/run-job';
import { bearer, createTestApp, type TestApp } from '../support/app';
import { countRows } from '../support/connector-e2e';
import { pollUntil } from '../support/poll';
import { DisposableRedis } from '../support/redis-server';
import { TEST_ENCRYPTION_KEYS, type ServiceProcess } from '../support/service-process';
import { startTestWorker } from '../support/worker-process';
import { queuePrefix } from '../../src/infra/redis/redis-keys';

const FINAL = ['COMPLETED', 'FAILED', 'CANCELLED', 'TIMED_OUT'];

/** Durable sleeps, delayed runs and the echo agent's waits, with the worker as its own process. */
describe('Runs that wait for a time (API and worker processes)', () => {
  let redis: DisposableRedis;
  let api: TestApp;
  const workers: ServiceProcess[] = [];

  beforeAll(async () => {
    redis = await DisposableRedis.create();
    await redis.start();
    api = await createTestApp({ redisUrl: redis.url, encryptionKeys: TEST_ENCRYPTION_KEYS, runs: { ...loadConfig().runs, leaseMs: 2_000 } });
    await startTestWorker({ DATABASE_URL: api.db.url, REDIS_URL: redis.url, DATABASE_POOL_SIZE: '3', RUN_LEASE_MS: '2000' }, workers);
  }, 60_000);

  afterAll(async () => {
    await Promise.all(workers.map((w) => w.stop()));
    await api?.close();
    await redis?.stop();
  });

  const auth = () => bearer(api.apiKey);
  const runOf = async (id: string) => (await api.http.get(`/v1/runs/${id}`).set(auth()).expect(200)).body;
  /** The run once it reaches one of `statuses`; a final status it did not expect fails at once, with the run's error. */
  const until = async (id: string, statuses: string[]) => {
    const run = await pollUntil(() => runOf(id), (r) => statuses.includes(r.status) || FINAL.includes(r.status), { timeoutMs: 20_000, what: `run ${id} to reach ${statuses.join(' or ')}` });
    if (!statuses.includes(run.status)) throw new Error(`run ${id} ended ${run.status} instead: ${JSON.stringify(run.error)}`);
    return run;
  };
  const eventTypes = async (runId: string): Promise<string[]> =>
    (await api.http.get(`/v1/runs/${runId}/events?limit=100`).set(auth()).set('Accept', 'application/json').expect(200)).body.items.map((e: { type: string }) => e.type);

  it('should release a sleeping run (WAITING, nothing leased) and resume it after the sleep, replaying its tool calls', async () => {
    const { body } = await api.http.post('/v1/runs').set(auth()).send({ agent: 'echo', mode: 'async', input: { message: 'later', toolCalls: 2, sleepMs: 1_500 } }).expect(202);
    const waiting = await until(body.id, ['WAITING']);
    expect(new Date(waiting.wakeAt).getTime()).toBeGreaterThan(new Date(waiting.createdAt).getTime());
    expect(await countRows(api.db.url, 'SELECT count(*) AS n FROM agent_runs WHERE id = $1 AND lease_owner IS NULL', [body.id])).toBe(1);

    const done = await until(body.id, ['COMPLETED']);
    expect(done.output).toEqual({ message: 'later' });
    // The two echo calls ran once: the resumed attempt replayed them, then passed the recorded sleep.
    expect(done.toolExecutions.map((s: { tool: string; action: string; attempt: number }) => `${s.tool}.${s.action}@${s.attempt}`)).toEqual(['diagnostics.echo@1', 'diagnostics.echo@1', 'sleep.until@1']);
    expect(await eventTypes(body.id)).toEqual([
      'run.created', 'run.started',
      'step.started', 'step.finished', 'step.started', 'step.finished', 'step.started', 'step.finished',
      'run.waiting', 'run.resumed', 'run.completed',
    ]);
  });

  it('should answer a sync run that begins to wait with 202 and its waiting status, and resume it on a worker', async () => {
    const res = await api.http.post('/v1/runs').set(auth()).send({ agent: 'echo', input: { message: 'ask first', requireApproval: true } }).expect(202);
    expect(res.body).toMatchObject({ status: 'AWAITING_APPROVAL' });
    const inbox = (await api.http.get('/v1/approvals?status=pending').set(auth()).expect(200)).body.items;
    const approval = inbox.find((a: { runId: string }) => a.runId === res.body.id);
    expect(approval).toMatchObject({ agent: 'echo', title: 'Echo asks to reply', payload: { message: 'ask first' } });
    await api.http.post(`/v1/runs/${res.body.id}/approvals/${approval.id}`).set(auth()).send({ decision: 'approve', edits: { message: 'edited' } }).expect(200);
    const done = await until(res.body.id, ['COMPLETED']);
    expect(done.output).toMatchObject({ message: 'edited', approval: { approved: true, decision: 'approved' } });
    expect(done.mode).toBe('ASYNC');
  });

  it('should keep a delayed run QUEUED until runAt, then run it', async () => {
    const runAt = new Date(Date.now() + 1_500).toISOString();
    const { body } = await api.http.post('/v1/runs').set(auth()).send({ agent: 'echo', input: { message: 'on time' }, runAt }).expect(202);
    const queued = await runOf(body.id);
    expect(queued).toMatchObject({ status: 'QUEUED', mode: 'ASYNC', wakeAt: runAt });
    const done = await until(body.id, ['COMPLETED']);
    expect(new Date(done.startedAt).getTime()).toBeGreaterThanOrEqual(new Date(runAt).getTime());
  });

  it('should cancel a delayed run before its time: it never runs', async () => {
    const runAt = new Date(Date.now() + 1_000).toISOString();
    const { body } = await api.http.post('/v1/runs').set(auth()).send({ agent: 'echo', mode: 'async', input: { toolCalls: 1 }, runAt }).expect(202);
    const cancelled = await api.http.post(`/v1/runs/${body.id}/cancel`).set(auth()).expect(202);
    expect(cancelled.body).toMatchObject({ status: 'CANCELLED', error: { message: 'cancelled before it started' } });
    // Past its time the delayed job fires and finds nothing to do.
    await pollUntil(() => countRows(api.db.url, `SELECT count(*) AS n FROM agent_runs WHERE id = $1 AND now() > $2::timestamptz + interval '1 second'`, [body.id, runAt]), (n) => n === 1, { timeoutMs: 10_000, what: 'runAt to pass' });
    const after = await runOf(body.id);
    expect(after).toMatchObject({ status: 'CANCELLED', toolExecutions: [] });
  });

  it('should cancel a sleeping run: it never wakes', async () => {
    const { body } = await api.http.post('/v1/runs').set(auth()).send({ agent: 'echo', mode: 'async', input: { sleepMs: 60_000 } }).expect(202);
    await until(body.id, ['WAITING']);
    const cancelled = await api.http.post(`/v1/runs/${body.id}/cancel`).set(auth()).expect(202);
    expect(cancelled.body).toMatchObject({ status: 'CANCELLED', error: { message: 'cancelled while sleeping' } });
  });

  it('should still wake a sleeping run whose delayed job Redis lost: the sweeper queues it once it is overdue', async () => {
    const { body } = await api.http.post('/v1/runs').set(auth()).send({ agent: 'echo', mode: 'async', input: { message: 'recovered', sleepMs: 500 } }).expect(202);
    const waiting = await until(body.id, ['WAITING']);
    const queue = new Queue(AGENT_RUN_QUEUE, { connection: { url: redis.url }, prefix: queuePrefix(AGENT_RUN_QUEUE) });
    try {
      const job = await queue.getJob(runJobId(body.id, waiting.attempt));
      expect(await job?.getState()).toBe('delayed');
      await job!.remove();
    } finally {
      await queue.close();
    }
    const done = await until(body.id, ['COMPLETED']);
    expect(done.output).toEqual({ message: 'recovered' });
  });

  it('should refuse runAt with mode sync, and a runAt that is not a date, with 400', async () => {
    const sync = await api.http.post('/v1/runs').set(auth()).send({ agent: 'echo', mode: 'sync', runAt: new Date(Date.now() + 60_000).toISOString() }).expect(400);
    expect(sync.body.message).toContain('runAt');
    await api.http.post('/v1/runs').set(auth()).send({ agent: 'echo', runAt: 'next tuesday' }).expect(400);
    await api.http.post('/v1/runs').set(auth()).send({ agent: 'echo', input: { sleepMs: -1 } }).expect(400);
  });
});
