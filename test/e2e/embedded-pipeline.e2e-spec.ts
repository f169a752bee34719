import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { DisposableRedis, freePort } from '../support/redis-server';
import { ServiceProcess } from '../support/service-process';
import { pollUntil } from '../support/poll';

const LISTENING = 'NeonHub API listening';
/** The echo agent's longest wait: the long runs can only end sooner by being cancelled. */
const LONG_DELAY_MS = 60_000;

type Kind = 'ok' | 'slow' | 'fatal' | 'cancel';
const EXPECTED: Record<Kind, { status: string; error: string | null }> = {
  ok: { status: 'COMPLETED', error: null },
  slow: { status: 'COMPLETED', error: null },
  fatal: { status: 'FAILED', error: 'EchoFatalError' },
  cancel: { status: 'CANCELLED', error: 'CancelledError' },
};
const INPUT: Record<Kind, Record<string, unknown>> = {
  ok: { toolCalls: 2, audit: true },
  slow: { toolCalls: 2, delayMs: 200, audit: true },
  fatal: { toolCalls: 2, fail: 'fatal' },
  cancel: { toolCalls: 2, delayMs: LONG_DELAY_MS },
};
// 20 runs: 10 plain, 4 that wait 200 ms, 4 that fail, 2 that wait long enough to be cancelled.
const PLAN: Array<{ kind: Kind; intent: string }> = (
  [...Array(10).fill('ok'), ...Array(4).fill('slow'), ...Array(4).fill('fatal'), ...Array(2).fill('cancel')] as Kind[]
).map((kind, i) => ({ kind, intent: `${kind}-${i}` }));

interface RunView {
  id: string;
  intent: string;
  status: string;
  attempt: number;
  output: unknown;
  error: { class: string } | null;
  startedAt: string | null;
  finishedAt: string | null;
  toolExecutions?: Array<{ step: number; attempt: number; status: string }>;
}

/**
 * The embedded default is ONE PGlite session behind pglite-socket, and the app's pool holds one
 * connection: a transaction held across a tool call or a wait would stall every other run.
 * Concurrent runs of every outcome must still each end with the right status and step log, and
 * runs that wait must not hold up the others.
 */
describe('Run pipeline on the embedded database (single session)', () => {
  let dataDir: string;
  let redis: DisposableRedis;
  let sut: ServiceProcess;
  let base: string;
  let apiKey: string;

  const call = async <T = RunView>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { authorization: `Bearer ${apiKey}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    return { status: res.status, body: (await res.json()) as T };
  };
  const listByStatus = async (status: string): Promise<RunView[]> => (await call<{ items: RunView[] }>('GET', `/v1/runs?status=${status}&limit=100`)).body.items;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'neonhub-embedded-pipeline-'));
    redis = await DisposableRedis.create();
    await redis.start();
    // Built here rather than imported from support/app, which loads the whole app into this process.
    apiKey = `nh_${randomBytes(32).toString('base64url')}`;
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    sut = ServiceProcess.start({
      DATABASE_URL: undefined,
      NEONHUB_DATA_DIR: dataDir,
      SEED_API_KEY: apiKey,
      PORT: String(port),
      REDIS_URL: redis.url,
      NEONHUB_ENCRYPTION_KEYS: `test:${randomBytes(32).toString('base64')}`,
      RUN_RATE_LIMIT_PER_MINUTE: '1000',
      // Four fatal runs may end back to back and open the echo circuit; breakers are not the subject.
      CIRCUIT_FAILURE_THRESHOLD: '100',
      // Longer than the long runs' wait, so they end by their cancel and never by the run timeout.
      RUN_TIMEOUT_MS: String(2 * LONG_DELAY_MS),
    });
    await sut.waitForOutput(LISTENING);
  }, 60_000);

  afterAll(async () => {
    await sut?.stop();
    await redis?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('should end 20 concurrent sync runs and 2 concurrent cancels with the right status and step log', async () => {
    expect(sut.stdout).toContain('using embedded PGlite database');
    const answers = PLAN.map(({ kind, intent }) => call('POST', '/v1/runs', { agent: 'echo', intent, input: { message: intent, ...INPUT[kind] } }));
    const short = PLAN.flatMap((p, i) => (p.kind === 'cancel' ? [] : [answers[i]]));
    const long = PLAN.flatMap((p, i) => (p.kind === 'cancel' ? [answers[i]] : []));

    // 18 runs, 4 of them waiting, all finish while the 2 long runs sit in their wait.
    const shortAnswers = await Promise.all(short);
    const waiting = await pollUntil(
      async () => {
        const running = (await listByStatus('RUNNING')).filter((r) => r.intent.startsWith('cancel-'));
        return Promise.all(running.map(async (r) => (await call('GET', `/v1/runs/${r.id}`)).body));
      },
      (runs) => runs.length === 2 && runs.every((r) => r.toolExecutions!.filter((t) => t.status === 'SUCCEEDED').length === 2),
      { timeoutMs: 10_000, what: 'both long runs to be RUNNING with their tool calls made' },
    );
    const cancels = await Promise.all(waiting.map((r) => call('POST', `/v1/runs/${r.id}/cancel`)));
    const longAnswers = await Promise.all(long);

    expect(cancels.map((c) => c.status)).toEqual([202, 202]);
    const byIntent = new Map<string, RunView>();
    for (const answer of [...shortAnswers, ...longAnswers]) {
      expect(answer.status).toBe(201);
      byIntent.set(answer.body.intent, answer.body);
    }
    for (const { kind, intent } of PLAN) {
      const answered = byIntent.get(intent)!;
      const stored = (await call('GET', `/v1/runs/${answered.id}`)).body;
      expect({ intent, status: stored.status, error: stored.error?.class ?? null, attempt: stored.attempt }).toEqual({ intent, ...EXPECTED[kind], attempt: 1 });
      expect(answered.status).toBe(stored.status);
      if (EXPECTED[kind].status === 'COMPLETED') expect(stored.output).toEqual({ message: intent });
      // The run's own record, not this test's clock: it ended before its wait could have.
      if (kind === 'cancel') expect(Date.parse(stored.finishedAt!)).toBeLessThan(Date.parse(stored.startedAt!) + LONG_DELAY_MS);
      expect(stored.toolExecutions!.map((t) => [t.step, t.attempt, t.status])).toEqual([
        [1, 1, 'SUCCEEDED'],
        [2, 1, 'SUCCEEDED'],
      ]);
    }
    const counts = Object.fromEntries(
      await Promise.all(['QUEUED', 'RUNNING', 'COMPLETED', 'FAILED', 'CANCELLED', 'TIMED_OUT'].map(async (s) => [s, (await listByStatus(s)).length])),
    );
    expect(counts).toEqual({ QUEUED: 0, RUNNING: 0, COMPLETED: 14, FAILED: 4, CANCELLED: 2, TIMED_OUT: 0 });

    // Audit rows have no API: read them over the embedded server's spare connection slot (kept
    // for a debugging psql), with the service quiet, in one simple query outside any transaction.
    const pgPort = /listening on 127\.0\.0\.1:(\d+)/.exec(sut.stdout)![1];
    const pg = new Client({ connectionString: `postgresql://postgres:postgres@127.0.0.1:${pgPort}/postgres` });
    await pg.connect();
    try {
      const { rows } = await pg.query<{ target_id: string }>("SELECT target_id FROM audit_logs WHERE action = 'diagnostics.echo'");
      const completedIds = PLAN.filter((p) => EXPECTED[p.kind].status === 'COMPLETED').map((p) => byIntent.get(p.intent)!.id);
      expect(rows.map((r) => r.target_id).sort()).toEqual(completedIds.sort());
    } finally {
      await pg.end();
    }

    sut.signal('SIGTERM');
    expect((await sut.exited).code).toBe(0);
  }, 90_000);
});
