import type { INestApplicationContext } from '@nestjs/common';
import { getQueueToken } from '@nestjs/bullmq';
import { NestFactory } from '@nestjs/core';
import type { Queue } from 'bullmq';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { register as metricsRegistry } from 'prom-client';
import { loadConfig } from '../../src/config/app-config';
import { RETENTION_PURGED_TOTAL } from '../../src/modules/governance/retention/retention-metrics';
import { RETENTION_QUEUE, RETENTION_SCHEDULER_ID, RetentionSchedule } from '../../src/modules/governance/retention/retention-queue';
import { RetentionSweep } from '../../src/modules/governance/retention/retention-sweep';
import { RetentionRepository } from '../../src/modules/governance/retention/retention.repository';
import { WorkerModule } from '../../src/worker.module';
import { bearer } from '../support/app';
import { useE2eApp } from '../support/e2e-context';
import { pollUntil } from '../support/poll';
import { DisposableRedis } from '../support/redis-server';
import { TEST_ENCRYPTION_KEYS } from '../support/service-process';
import type { Tenant } from '../support/tenants';

const DAY = 86_400_000;
/**
 * The sweep's clock in these tests: ten years ahead, so every row here is in the future for the
 * worker's own scheduled sweep (real clock) and only the rounds the tests drive can purge them.
 */
const NOW = new Date(Date.now() + 3650 * DAY);
const ago = (days: number, from = NOW) => new Date(from.getTime() - days * DAY);

/**
 * Retention on the real database: each kind purges exactly the rows past its period (the
 * defaults: run logs 90 days, audit 365, deleted content 30, campaign metrics 730, exports at their
 * expiry), in batches, and keeps the rest: runs and the model usage they bill stay.
 */
describe('RetentionSweep', () => {
  let redis: DisposableRedis;
  const dataDir = mkdtempSync(join(tmpdir(), 'neonhub-retention-'));
  beforeAll(async () => {
    redis = await DisposableRedis.create();
    await redis.start();
  });
  const base = loadConfig({});
  let worker: INestApplicationContext | undefined;
  // Declared before the app's hooks, so it runs first: the worker stops while the database is still there.
  afterAll(() => worker?.close());
  const sut = useE2eApp({ config: () => ({ redisUrl: redis.url, dataDir, encryptionKeys: TEST_ENCRYPTION_KEYS, governance: { ...base.governance, retention: { ...base.governance.retention, batchSize: 10 } } }) });
  let sweep: RetentionSweep;
  let tenant: Tenant;
  beforeAll(async () => {
    worker = await NestFactory.createApplicationContext(WorkerModule.forRoot(sut.config), { logger: false });
    await worker.init();
    sweep = worker.get(RetentionSweep);
    tenant = await sut.tenant('retention');
  });
  afterAll(async () => {
    await redis?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const one = async (sql: string, params: unknown[]): Promise<string> => (await sut.sql.query(sql, params)).rows[0].id as string;
  const exists = async (table: string, id: string): Promise<boolean> => (await sut.sql.query(`SELECT 1 FROM ${table} WHERE id = $1`, [id])).rowCount === 1;
  const purgedSoFar = async (kind: string): Promise<number> => (await metricsRegistry.getSingleMetric(RETENTION_PURGED_TOTAL)!.get()).values.find((v) => v.labels.kind === kind)?.value ?? 0;

  async function run(finishedAt: Date | null, status = 'COMPLETED'): Promise<string> {
    const agent = await one("INSERT INTO agents (organization_id, name, kind, updated_at) VALUES ($1, $2, 'CONTENT', now()) RETURNING id", [tenant.organizationId, `agent-${Math.random()}`]);
    return one('INSERT INTO agent_runs (organization_id, agent_id, status, input_tokens, cost_usd, finished_at, created_at, updated_at) VALUES ($1, $2, $3, 120, 0.5, $4, $5, now()) RETURNING id', [
      tenant.organizationId,
      agent,
      status,
      finishedAt,
      ago(1, finishedAt ?? ago(100)),
    ]);
  }
  const step = (runId: string, startedAt: Date, model: string | null) =>
    one(
      "INSERT INTO tool_executions (organization_id, run_id, tool_name, action, step, status, input, output, error_message, started_at, model, provider, input_tokens, output_tokens, cost_usd) VALUES ($1, $2, 'llm', 'complete', 1, 'SUCCEEDED', '{\"prompt\":\"write to jane@example.com\"}', '{\"text\":\"done\"}', 'none', $3, $4, $5, 100, 20, 0.01) RETURNING id",
      [tenant.organizationId, runId, startedAt, model, model ? 'offline' : null],
    );
  const event = async (runId: string, at: Date): Promise<number> =>
    Number((await sut.sql.query("INSERT INTO run_events (organization_id, run_id, type, created_at) VALUES ($1, $2, 'run.started', $3) RETURNING id", [tenant.organizationId, runId, at])).rows[0].id);
  const eventExists = async (id: number) => (await sut.sql.query('SELECT 1 FROM run_events WHERE id = $1', [id])).rowCount === 1;

  it('should purge the step logs and events of runs finished past the period, keep the runs, and keep model-call steps for billing with their payload cleared', async () => {
    const old = await run(ago(91));
    const recent = await run(ago(10));
    const stillWaiting = await run(null, 'WAITING');
    const oldPlainStep = await step(old, ago(92), null);
    const oldModelStep = await step(old, ago(92), 'gpt-4o-mini');
    const recentStep = await step(recent, ago(11), null);
    const waitingStep = await step(stillWaiting, ago(150), null);
    const [oldEvent, recentEvent, waitingEvent] = [await event(old, ago(92)), await event(recent, ago(11)), await event(stillWaiting, ago(150))];
    const before = await purgedSoFar('tool_executions');

    const result = await sweep.sweep(NOW);

    expect(await exists('tool_executions', oldPlainStep)).toBe(false);
    expect(await eventExists(oldEvent)).toBe(false);
    const billed = (await sut.sql.query('SELECT input, output, error_message, model, input_tokens, output_tokens, cost_usd FROM tool_executions WHERE id = $1', [oldModelStep])).rows[0];
    expect(billed).toEqual({ input: {}, output: null, error_message: null, model: 'gpt-4o-mini', input_tokens: 100, output_tokens: 20, cost_usd: '0.010000' });
    expect(await exists('tool_executions', recentStep)).toBe(true);
    expect(await exists('tool_executions', waitingStep)).toBe(true);
    expect(await eventExists(recentEvent)).toBe(true);
    expect(await eventExists(waitingEvent)).toBe(true);
    const runs = await sut.sql.query('SELECT id, input_tokens, cost_usd FROM agent_runs WHERE id = ANY($1)', [[old, recent, stillWaiting]]);
    expect(runs.rows).toHaveLength(3);
    expect(result.tool_executions).toBeGreaterThanOrEqual(1);
    expect(result.tool_execution_payloads).toBeGreaterThanOrEqual(1);
    expect((await purgedSoFar('tool_executions')) - before).toBe(result.tool_executions);
  });

  it('should purge audit entries older than 365 days in bounded batches and keep younger ones', async () => {
    const old: string[] = [];
    for (let i = 0; i < 25; i++) old.push(await one("INSERT INTO audit_logs (organization_id, action, target_type, created_at) VALUES ($1, 'test.old', 'test', $2) RETURNING id", [tenant.organizationId, ago(366)]));
    const young = await one("INSERT INTO audit_logs (organization_id, action, target_type, created_at) VALUES ($1, 'test.young', 'test', $2) RETURNING id", [tenant.organizationId, ago(364)]);

    const batches = jest.spyOn(worker!.get(RetentionRepository), 'purgeAuditLogs');

    const result = await sweep.sweep(NOW);

    // 25 rows (and whatever else is that old) with batches of 10: several statements, none larger than a batch.
    const sizes = await Promise.all(batches.mock.results.map((r) => r.value as Promise<number>));
    batches.mockRestore();
    expect(sizes.length).toBeGreaterThanOrEqual(3);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(10);
    expect(sizes[sizes.length - 1]).toBeLessThan(10);
    expect((await sut.sql.query('SELECT count(*)::int AS n FROM audit_logs WHERE id = ANY($1)', [old])).rows[0].n).toBe(0);
    expect(await exists('audit_logs', young)).toBe(true);
    expect(result.audit_logs).toBeGreaterThanOrEqual(25);
  });

  it('should purge content soft-deleted through DELETE /v1/content/:id once 30 days have passed, not before, with its versions', async () => {
    const insert = (title: string) => one("INSERT INTO contents (organization_id, kind, title, brief, updated_at) VALUES ($1, 'BLOG_POST', $2, 'brief', now()) RETURNING id", [tenant.organizationId, title]);
    const [deleted, live] = [await insert('Deleted post'), await insert('Live post')];
    await sut.sql.query("INSERT INTO content_versions (organization_id, content_id, version, title, body) VALUES ($1, $2, 1, 'Deleted post', 'text')", [tenant.organizationId, deleted]);
    await sut.http.delete(`/v1/content/${deleted}`).set(bearer(tenant.apiKey)).expect(204);
    const listed = await sut.http.get('/v1/content').set(bearer(tenant.apiKey)).expect(200);
    expect(listed.body.items.map((c: { id: string }) => c.id)).toEqual([live]);
    const deletedAt = (await sut.sql.query('SELECT deleted_at FROM contents WHERE id = $1', [deleted])).rows[0].deleted_at as Date;

    await sweep.sweep(new Date(deletedAt.getTime() + 29 * DAY));
    expect(await exists('contents', deleted)).toBe(true);

    await sweep.sweep(new Date(deletedAt.getTime() + 31 * DAY));
    expect(await exists('contents', deleted)).toBe(false);
    expect((await sut.sql.query('SELECT count(*)::int AS n FROM content_versions WHERE content_id = $1', [deleted])).rows[0].n).toBe(0);
    expect(await exists('contents', live)).toBe(true);
  });

  it('should purge campaign metrics older than two years and keep model usage records (billing, seven years)', async () => {
    const metric = (at: Date) => one("INSERT INTO campaign_metrics (organization_id, channel, kind, occurred_at) VALUES ($1, 'email', 'open', $2) RETURNING id", [tenant.organizationId, at]);
    const [oldMetric, youngMetric] = [await metric(ago(731)), await metric(ago(729))];
    const usage = await one("INSERT INTO model_usage (organization_id, purpose, provider, model, input_tokens, output_tokens, created_at) VALUES ($1, 'knowledge.intake', 'offline', 'm', 1, 1, $2) RETURNING id", [
      tenant.organizationId,
      ago(1000),
    ]);

    await sweep.sweep(NOW);

    expect(await exists('campaign_metrics', oldMetric)).toBe(false);
    expect(await exists('campaign_metrics', youngMetric)).toBe(true);
    expect(await exists('model_usage', usage)).toBe(true);
  });

  it('should delete an expired export’s archive and mark it EXPIRED, leaving one not yet expired', async () => {
    const exportRow = async (expiresAt: Date) => {
      const id = await one("INSERT INTO data_exports (organization_id, status, expires_at, updated_at) VALUES ($1, 'READY', $2, now()) RETURNING id", [tenant.organizationId, expiresAt]);
      const fileName = `${tenant.organizationId}/${id}.zip`;
      mkdirSync(join(dataDir, 'exports', tenant.organizationId), { recursive: true });
      writeFileSync(join(dataDir, 'exports', fileName), 'zip');
      await sut.sql.query('UPDATE data_exports SET file_name = $2 WHERE id = $1', [id, fileName]);
      return { id, path: join(dataDir, 'exports', fileName) };
    };
    const [expired, current] = [await exportRow(ago(0.001)), await exportRow(ago(-1))];

    await sweep.sweep(NOW);

    expect(existsSync(expired.path)).toBe(false);
    expect((await sut.sql.query('SELECT status, file_name FROM data_exports WHERE id = $1', [expired.id])).rows[0]).toEqual({ status: 'EXPIRED', file_name: null });
    expect(existsSync(current.path)).toBe(true);
    expect((await sut.sql.query('SELECT status FROM data_exports WHERE id = $1', [current.id])).rows[0].status).toBe('READY');
  });
  it('should mark FAILED an export still PENDING a day after it was asked for (its job was lost), leaving a recent one PENDING', async () => {
    const pending = (createdAt: Date) => one("INSERT INTO data_exports (organization_id, status, created_at, updated_at) VALUES ($1, 'PENDING', $2, now()) RETURNING id", [tenant.organizationId, createdAt]);
    const [lost, recent] = [await pending(ago(2)), await pending(ago(1 / 24))];

    await sweep.sweep(NOW);

    const status = async (id: string) => (await sut.sql.query('SELECT status, error_message, expires_at FROM data_exports WHERE id = $1', [id])).rows[0];
    expect(await status(lost)).toEqual({ status: 'FAILED', error_message: expect.stringContaining('request a new export'), expires_at: expect.any(Date) });
    expect((await status(recent)).status).toBe('PENDING');
  });
  it('should schedule the sweep on the worker as one repeatable job every RETENTION_SWEEP_EVERY_MINUTES, and put it back when Redis lost it', async () => {
    const queue = worker!.get<Queue>(getQueueToken(RETENTION_QUEUE));
    const schedule = worker!.get(RetentionSchedule);
    await pollUntil(() => queue.getJobSchedulers(), (list) => list.length > 0, { what: 'the boot to schedule the sweep' });

    expect(await schedule.ensure()).toBe(false);
    await queue.removeJobScheduler(RETENTION_SCHEDULER_ID);
    expect(await schedule.ensure()).toBe(true);

    const schedulers = await queue.getJobSchedulers();
    expect(schedulers.map((s) => ({ key: s.key, every: Number(s.every) }))).toEqual([{ key: RETENTION_SCHEDULER_ID, every: 60 * 60_000 }]);
  });
  it('should run a sweep when a retention job reaches the worker, at the clock of that moment', async () => {
    const queue = worker!.get<Queue>(getQueueToken(RETENTION_QUEUE));

    const job = await queue.add('sweep', {});
    await pollUntil(() => job.getState(), (state) => state === 'completed' || state === 'failed', { what: 'the retention job to finish' });

    const done = await queue.getJob(job.id!);
    expect(await done!.getState()).toBe('completed');
    expect(Object.keys(done!.returnvalue as object)).toEqual(expect.arrayContaining(['run_events', 'audit_logs', 'deleted_content', 'exports']));
  });
});
