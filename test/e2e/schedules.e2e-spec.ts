import { getQueueToken } from '@nestjs/bullmq';
import { Queue, QueueEvents } from 'bullmq';
import IORedis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { applyMigrations } from '../../src/infra/database/migrations/migrator';
import { SCHEDULE_TICK_QUEUE } from '../../src/modules/schedules/queue/schedule-tick';
import { ScheduleTriggerSync } from '../../src/modules/schedules/schedule-trigger-sync';
import { bearer, createTestApp, type TestApp } from '../support/app';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { pollUntil } from '../support/poll';
import { DisposableRedis } from '../support/redis-server';
import type { ServiceProcess } from '../support/service-process';
import { createTenant } from '../support/tenants';
import { type RunningWorker, startWorker } from '../support/worker-process';
import { queuePrefix } from '../../src/infra/redis/redis-keys';

interface TickRow {
  tick_at: Date;
  outcome: 'STARTED' | 'SKIPPED' | 'FAILED';
  run_id: string | null;
  reason: string | null;
}

/**
 * Schedules against the real Postgres and a Redis of this file's own (queue names are fixed: a
 * shared Redis would let another spec's workers take these ticks), with the API in this process
 * and two workers as separate processes, both consuming schedules.tick.
 */
describe('Schedules', () => {
  let redis: DisposableRedis;
  let db: TestDatabase;
  let pg: Client;
  let api: TestApp;
  const workers: RunningWorker[] = [];
  const processes: ServiceProcess[] = [];

  const workerEnv = () => ({ DATABASE_URL: db.url, REDIS_URL: redis.url, DATABASE_POOL_SIZE: '4' });

  beforeAll(async () => {
    redis = await DisposableRedis.create();
    await redis.start();
    db = await createTestDatabase();
    await applyMigrations({ databaseUrl: db.url });
    pg = new Client({ connectionString: db.url });
    await pg.connect();
    api = await createTestApp({ redisUrl: redis.url, schedules: { minIntervalSeconds: 1 } }, db);
    workers.push(...(await Promise.all([startWorker(workerEnv(), processes), startWorker(workerEnv(), processes)])));
  }, 60_000);
  afterAll(async () => {
    await Promise.all(processes.splice(0).map((p) => p.stop()));
    await api?.close();
    await pg?.end();
    await db?.drop();
    await redis?.stop();
  });

  const queue = () => api.app.get<Queue>(getQueueToken(SCHEDULE_TICK_QUEUE));
  const create = async (body: Record<string, unknown>): Promise<string> =>
    (await api.http.post('/v1/schedules').set(bearer(api.apiKey)).send({ agent: 'echo', input: { message: 'tick' }, timezone: 'UTC', ...body }).expect(201)).body.id;
  const patch = (id: string, body: Record<string, unknown>) => api.http.patch(`/v1/schedules/${id}`).set(bearer(api.apiKey)).send(body).expect(200);
  const ticks = async (id: string): Promise<TickRow[]> =>
    (await pg.query<TickRow>('SELECT tick_at, outcome, run_id, reason FROM schedule_ticks WHERE schedule_id = $1 ORDER BY tick_at', [id])).rows;
  const runs = async (id: string) =>
    (await pg.query<{ id: string; status: string; idempotency_key: string; started_at: Date | null; finished_at: Date | null }>(
      'SELECT id, status, idempotency_key, started_at, finished_at FROM agent_runs WHERE schedule_id = $1 ORDER BY created_at',
      [id],
    )).rows;
  /** Once a schedule is disabled: the tick a worker may have been processing at that moment has been recorded. */
  const settled = () => pollUntil(() => queue().getJobCounts('active', 'waiting'), (c) => c.active + c.waiting === 0, { what: 'no tick in flight' });
  /** The "schedule ticked" log lines a worker printed for a schedule: one per tick it recorded. */
  const tickedBy = (worker: RunningWorker, id: string): string[] =>
    worker.service.stdout
      .split('\n')
      .filter((line) => line.includes('"schedule ticked"') && line.includes(id))
      .map((line) => (JSON.parse(line) as { tickAt: string }).tickAt);

  it('should fire a schedule every second exactly once per tick with two workers consuming, each tick one run under its own idempotency key', async () => {
    const id = await create({ cron: '* * * * * *', overlap: 'allow' });

    await pollUntil(() => ticks(id), (rows) => rows.length >= 6, { timeoutMs: 20_000, what: 'six ticks' });
    await patch(id, { enabled: false });
    await settled();
    const recorded = await ticks(id);
    const scheduledRuns = await runs(id);

    const tickTimes = recorded.map((t) => t.tick_at.toISOString());
    expect(new Set(tickTimes).size).toBe(tickTimes.length);
    expect(recorded.every((t) => t.outcome === 'STARTED' && t.run_id !== null && t.tick_at.getMilliseconds() === 0)).toBe(true);
    expect(scheduledRuns.map((r) => r.id).sort()).toEqual(recorded.map((t) => t.run_id).sort());
    expect(scheduledRuns.map((r) => r.idempotency_key).sort()).toEqual(tickTimes.map((at) => `schedule:${id}:${at}`).sort());
    // Each tick was recorded by exactly one of the two processes (their logs reach this process a little after the rows).
    const logged = await pollUntil(() => [...tickedBy(workers[0], id), ...tickedBy(workers[1], id)], (lines) => lines.length >= tickTimes.length, { what: 'the workers to log every tick' });
    expect(logged.sort()).toEqual([...tickTimes].sort());
  }, 40_000);

  it('should skip a tick while the previous run is unfinished (overlap skip), and say which run', async () => {
    const id = await create({ cron: '* * * * * *', overlap: 'skip', input: { message: 'slow', delayMs: 2_500 } });

    const recorded = await pollUntil(() => ticks(id), (rows) => rows.filter((t) => t.outcome === 'STARTED').length >= 2, { timeoutMs: 20_000, what: 'a second started tick' });
    await patch(id, { enabled: false });

    const first = recorded.find((t) => t.outcome === 'STARTED')!;
    const skipped = recorded.filter((t) => t.outcome === 'SKIPPED');
    expect(skipped.length).toBeGreaterThanOrEqual(1);
    expect(skipped[0]).toEqual(expect.objectContaining({ run_id: null, reason: expect.stringMatching(new RegExp(`^the previous run ${first.run_id} is still (QUEUED|RUNNING)`)) }));
    // No two of its runs ever ran at once: each began after the one before had finished.
    const scheduledRuns = await runs(id);
    for (let i = 1; i < scheduledRuns.length; i++) {
      const previous = scheduledRuns[i - 1];
      expect(previous.finished_at).not.toBeNull();
      expect(scheduledRuns[i].started_at === null || scheduledRuns[i].started_at! >= previous.finished_at!).toBe(true);
    }
  }, 40_000);

  it('should start overlapping runs when overlap is allow', async () => {
    const id = await create({ cron: '* * * * * *', overlap: 'allow', input: { message: 'slow', delayMs: 2_500 } });

    await pollUntil(() => runs(id), (rows) => rows.filter((r) => r.status === 'RUNNING').length >= 2, { timeoutMs: 20_000, what: 'two runs of the schedule running at once' });
    await patch(id, { enabled: false });

    expect((await ticks(id)).every((t) => t.outcome === 'STARTED')).toBe(true);
  }, 40_000);

  it('should stop ticking when disabled (its scheduler removed, a late tick doing nothing) and resume when enabled again', async () => {
    const id = await create({ cron: '* * * * * *', overlap: 'allow' });
    await pollUntil(() => ticks(id), (rows) => rows.length >= 1, { timeoutMs: 10_000, what: 'a first tick' });

    await patch(id, { enabled: false });
    await settled();

    expect(await queue().getJobScheduler(id)).toBeUndefined();
    const whileDisabled = (await ticks(id)).length;
    // A tick already on its way when it was disabled: taken by a worker, it records nothing.
    const events = new QueueEvents(SCHEDULE_TICK_QUEUE, { connection: { url: redis.url }, prefix: queuePrefix(SCHEDULE_TICK_QUEUE) });
    try {
      await events.waitUntilReady();
      const late = await queue().add('tick', { scheduleId: id }, { prevMillis: Date.now() + 60_000 });
      await expect(late.waitUntilFinished(events, 10_000)).resolves.toBe('DISABLED');
    } finally {
      await events.close();
    }
    expect((await ticks(id)).length).toBe(whileDisabled);
    const detail = await api.http.get(`/v1/schedules/${id}`).set(bearer(api.apiKey)).expect(200);
    expect(detail.body).toEqual(expect.objectContaining({ enabled: false, nextFireTimes: [] }));

    const enabledAt = new Date();
    await patch(id, { enabled: true });

    expect(await queue().getJobScheduler(id)).toEqual(expect.objectContaining({ pattern: '* * * * * *', tz: 'UTC' }));
    await pollUntil(() => ticks(id), (rows) => rows.some((t) => t.tick_at > enabledAt), { timeoutMs: 10_000, what: 'a tick after re-enabling' });
    await patch(id, { enabled: false });
  }, 40_000);

  it('should remove the scheduler and the ticks on DELETE, keeping the runs it started', async () => {
    const id = await create({ cron: '* * * * * *', overlap: 'allow' });
    const [tick] = await pollUntil(() => ticks(id), (rows) => rows.length >= 1, { timeoutMs: 10_000, what: 'a first tick' });

    await api.http.delete(`/v1/schedules/${id}`).set(bearer(api.apiKey)).expect(204);

    expect(await queue().getJobScheduler(id)).toBeUndefined();
    await api.http.get(`/v1/schedules/${id}`).set(bearer(api.apiKey)).expect(404);
    expect(await ticks(id)).toEqual([]);
    const run = await pg.query('SELECT schedule_id FROM agent_runs WHERE id = $1', [tick.run_id]);
    expect(run.rows).toEqual([{ schedule_id: null }]);
  }, 30_000);

  it('should record FAILED with the reason when a tick cannot submit its run (the agent is gone)', async () => {
    const { rows } = await pg.query(
      `INSERT INTO schedules (organization_id, user_id, agent_name, input, cron, timezone, overlap, enabled, updated_at)
       VALUES ($1, $2, 'retired-agent', '{}', '* * * * * *', 'UTC', 'ALLOW', true, now()) RETURNING id`,
      [api.organizationId, api.userId],
    );
    const id = rows[0].id as string;
    await api.app.get(ScheduleTriggerSync).sync(id);

    const [failed] = await pollUntil(() => ticks(id), (ticked) => ticked.length >= 1, { timeoutMs: 10_000, what: 'a failed tick' });
    await patch(id, { enabled: false });

    expect(failed).toEqual(expect.objectContaining({ outcome: 'FAILED', run_id: null, reason: 'AgentNotFoundError: agent retired-agent not found' }));
  }, 30_000);

  it("should give a Redis that lost its data its schedules back when a worker boots, and remove schedulers of disabled or deleted schedules", async () => {
    const enabledId = await create({ cron: '0 9 * * 2', timezone: 'America/New_York' });
    const disabledId = await create({ cron: '0 9 * * 2', enabled: false });
    const client = new IORedis(redis.url);
    await client.flushall();
    await client.quit();
    // Strays, as a failed removal would leave them: a disabled schedule's and a deleted one's.
    await queue().upsertJobScheduler(disabledId, { pattern: '0 9 * * 2' }, { name: 'tick', data: { scheduleId: disabledId } });
    const deletedId = randomUUID();
    await queue().upsertJobScheduler(deletedId, { pattern: '0 9 * * 2' }, { name: 'tick', data: { scheduleId: deletedId } });

    const booted = await startWorker(workerEnv(), processes);
    await booted.service.waitForOutput('schedules reconciled');

    expect(await queue().getJobScheduler(enabledId)).toEqual(expect.objectContaining({ pattern: '0 9 * * 2', tz: 'America/New_York' }));
    expect(await queue().getJobScheduler(disabledId)).toBeUndefined();
    expect(await queue().getJobScheduler(deletedId)).toBeUndefined();
    await booted.service.stop();
  }, 40_000);

  describe('API', () => {
    const post = (body: Record<string, unknown>) => api.http.post('/v1/schedules').set(bearer(api.apiKey)).send(body);

    it.each([
      ['a cron that does not parse', { cron: '61 * * * *' }, 'cron', /does not parse/],
      ['a cron of 7 fields', { cron: '* * * * * * *' }, 'cron', /5 fields/],
      ['an unknown time zone', { cron: '0 9 * * 2', timezone: 'Mars/Olympus_Mons' }, 'timezone', /not an IANA time zone/],
      ['an unknown agent', { agent: 'no-such-agent', cron: '0 9 * * 2' }, 'agent', /no agent named "no-such-agent"/],
      ["input the agent's DTO refuses", { cron: '0 9 * * 2', input: { message: 42 } }, 'input.message', /input\.message/],
      ['an unknown overlap', { cron: '0 9 * * 2', overlap: 'queue' }, 'overlap', /overlap/],
    ])('should answer 400 for %s', async (_, body, _field, message) => {
      const res = await post({ agent: 'echo', input: { message: 'x' }, timezone: 'UTC', ...body }).expect(400);

      expect(res.body).toEqual({ statusCode: 400, error: 'Bad Request', message: expect.stringMatching(message), requestId: expect.any(String) });
    });

    it("should answer 404 for another organization's schedule, on every route", async () => {
      const id = await create({ cron: '0 9 * * 2', enabled: false });
      const other = await createTenant(pg, `other-${randomUUID().slice(0, 8)}`);

      await api.http.get(`/v1/schedules/${id}`).set(bearer(other.apiKey)).expect(404);
      await api.http.patch(`/v1/schedules/${id}`).set(bearer(other.apiKey)).send({ enabled: true }).expect(404);
      await api.http.delete(`/v1/schedules/${id}`).set(bearer(other.apiKey)).expect(404);
      const list = await api.http.get('/v1/schedules').set(bearer(other.apiKey)).expect(200);
      expect(list.body).toEqual({ items: [], nextCursor: null });
      expect(await queue().getJobScheduler(id)).toBeUndefined();
    });

    it('should list schedules newest first across pages, each with its next three fire times in its time zone', async () => {
      const ids = [];
      for (let i = 0; i < 3; i++) ids.push(await create({ cron: '0 9 * * 2', timezone: 'America/New_York', intent: `weekly ${i}` }));

      const first = await api.http.get('/v1/schedules?limit=2').set(bearer(api.apiKey)).expect(200);
      const second = await api.http.get(`/v1/schedules?limit=2&cursor=${first.body.nextCursor}`).set(bearer(api.apiKey)).expect(200);

      expect(first.body.items.map((s: { id: string }) => s.id)).toEqual([ids[2], ids[1]]);
      expect(second.body.items[0].id).toBe(ids[0]);
      const [item] = first.body.items as Array<{ nextFireTimes: string[]; lastTick: unknown; overlap: string; createdBy: string }>;
      expect(item).toEqual(expect.objectContaining({ overlap: 'skip', lastTick: null, createdBy: api.userId }));
      expect(item.nextFireTimes).toHaveLength(3);
      for (const at of item.nextFireTimes) {
        const local = new Intl.DateTimeFormat('en-US', { timeZone: 'America/New_York', weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(at));
        expect(local).toBe('Tue 09:00');
      }
      for (const id of ids) await api.http.delete(`/v1/schedules/${id}`).set(bearer(api.apiKey)).expect(204);
    });

    it('should change any field with PATCH, moving the scheduler to a new cron and time zone', async () => {
      const id = await create({ cron: '0 9 * * 2', timezone: 'America/New_York' });

      const res = await patch(id, { cron: '30 8 * * 1-5', timezone: 'Europe/Paris', overlap: 'allow', intent: 'weekdays', input: { message: 'changed' } });

      expect(res.body).toEqual(expect.objectContaining({ cron: '30 8 * * 1-5', timezone: 'Europe/Paris', overlap: 'allow', intent: 'weekdays', input: { message: 'changed' }, enabled: true }));
      expect(await queue().getJobScheduler(id)).toEqual(expect.objectContaining({ pattern: '30 8 * * 1-5', tz: 'Europe/Paris' }));
      await api.http.patch(`/v1/schedules/${id}`).set(bearer(api.apiKey)).send({ input: { message: 7 } }).expect(400);
      await api.http.patch(`/v1/schedules/${id}`).set(bearer(api.apiKey)).send({ cron: null }).expect(400);
      await api.http.delete(`/v1/schedules/${id}`).set(bearer(api.apiKey)).expect(204);
    });

    // Last on purpose: @Transactional methods use the transaction host of the app built last in the
    // process (nestjs-cls keeps it in a static map), so after this second app is closed the first
    // one's transactional writes (a schedule and its audit entry) would find a closed pool.
    it('should answer 400 for a cron firing more often than the configured minimum', async () => {
      const strict = await createTestApp({ redisUrl: redis.url, schedules: { minIntervalSeconds: 60 } }, db);
      try {
        const res = await strict.http.post('/v1/schedules').set(bearer(strict.apiKey)).send({ agent: 'echo', input: { message: 'x' }, cron: '*/10 * * * * *' }).expect(400);

        expect(res.body.message).toBe('invalid schedule: cron "*/10 * * * * *" fires 10 s apart; the minimum interval is 60 s');
      } finally {
        await strict.close();
      }
    });
  });
});
