/**
 * Run throughput for the README, against the production build (`npx nest build` first), the
 * PostgreSQL server and Redis: the framework's own ceiling (GET /health/live), sync echo runs,
 * async runs through one worker, 200 one-second runs at once, database round trips per run, and
 * the ceiling programs of ../shared/bench run in the same session, for NeonHub/ceiling ratios.
 *   npm run bench:runs
 * TEST_POSTGRES_URL names the server (default local); REDIS_URL the Redis (default local); the
 * bench picks an empty Redis database (15 down to 1; BENCH_REDIS_DB to choose) so that no other
 * worker on this Redis takes its jobs, and deletes only the keys it made there.
 * BENCH_CEILINGS_DIR overrides where the ceiling programs are.
 * BENCH_ASYNC_RUNS (default 3000) and BENCH_WORKER_CONCURRENCY (default 16,32,64) shape the async part;
 * BENCH_HEAP_RUNS (default 100000, 0 to skip) the run of sync runs whose heap is compared.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { Client } from 'pg';
import { applyMigrations } from '../../src/infra/database/migrations/migrator';
import { seedDatabase } from '../../src/infra/database/seed/seed';
import { issueApiKey } from '../../src/modules/api-keys/api-key-token';
import { children, deleteOwnRedisKeys, loadAverage, pickRedisDb, postgresCpuMs, REDIS, ROOT, start } from './bench-support';
import { CEILINGS, rawBullmq, rawPgTxn } from './lib/ceilings';
import { startPgCounter } from './lib/pg-counter';

const SERVER = process.env.TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const ASYNC_RUNS = Number(process.env.BENCH_ASYNC_RUNS ?? 3000);
const CONCURRENCIES = (process.env.BENCH_WORKER_CONCURRENCY ?? '16,32,64').split(',').map(Number);

/**
 * One organization submits every run here, so its limit on runs executing at once (fair sharing,
 * ORGANIZATION_MAX_CONCURRENT_RUNS, default 4) is raised to the worker's concurrency: otherwise
 * the limit, not the worker, would set the drain's pace. Printed with the results.
 */
const workerSlots = (concurrency: number) => ({ WORKER_CONCURRENCY: String(concurrency), ORGANIZATION_MAX_CONCURRENT_RUNS: String(concurrency) });
const HEAP_RUNS = Number(process.env.BENCH_HEAP_RUNS ?? 100_000);
// The issue asks for 10,000,000; the config refuses anything above 1,000,000, which this bench cannot reach in a minute anyway.
const RATE_LIMIT = 1_000_000;
const FINAL = `status::text in ('COMPLETED','FAILED','CANCELLED','TIMED_OUT')`;

interface CannonResult {
  duration: number;
  requests: { total: number };
  errors: number;
  latency: { p50: number; p99: number };
  statusCodeStats: Record<string, { count: number }>;
}
// autocannon ships no type declarations; this is the part of its API used here.
const autocannon = require('autocannon') as (opts: Record<string, unknown>) => Promise<CannonResult>;

interface Load {
  total: number;
  rps: number;
  p50: number;
  p99: number;
  statuses: Record<string, number>;
  errors: number;
}

async function load(url: string, opts: { connections: number; seconds?: number; amount?: number; body?: unknown; headers?: Record<string, string> }): Promise<Load> {
  const r = await autocannon({
    url,
    connections: opts.connections,
    ...(opts.amount ? { amount: opts.amount } : { duration: opts.seconds }),
    ...(opts.body ? { method: 'POST', body: JSON.stringify(opts.body), headers: { 'content-type': 'application/json', ...opts.headers } } : { headers: opts.headers }),
  });
  const statuses = Object.fromEntries(Object.entries(r.statusCodeStats).map(([code, s]) => [code, s.count]));
  return { total: r.requests.total, rps: r.requests.total / r.duration, p50: r.latency.p50, p99: r.latency.p99, statuses, errors: r.errors };
}


const commit = () => {
  try {
    const git = (...args: string[]) => execFileSync('git', args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const dirty = git('status', '--porcelain', '--', 'src') ? ' with uncommitted changes in src/' : '';
    const sha = git('rev-parse', '--short', 'HEAD');
    return sha + dirty;
  } catch {
    return 'unknown';
  }
};

async function main(): Promise<void> {
  const redisDb = await pickRedisDb();
  const redisUrl = Object.assign(new URL(REDIS), { pathname: `/${redisDb}` }).toString();
  const dbName = `neonhub_bench_runs_${process.pid}`;
  const admin = new Client({ connectionString: SERVER });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${dbName}"`);
  const dbUrl = Object.assign(new URL(SERVER), { pathname: `/${dbName}` }).toString();
  const db = new Client({ connectionString: dbUrl });
  const work = mkdtempSync(join(tmpdir(), 'neonhub-bench-runs-'));
  const closers: Array<() => Promise<unknown>> = [];
  try {
    await applyMigrations({ databaseUrl: dbUrl });
    const apiKey = issueApiKey().plaintext;
    await seedDatabase({ databaseUrl: dbUrl, apiKey });
    await db.connect();
    const auth = { authorization: `Bearer ${apiKey}` };
    const env = {
      DATABASE_URL: dbUrl,
      REDIS_URL: redisUrl,
      LOG_LEVEL: 'warn',
      RUN_RATE_LIMIT_PER_MINUTE: String(RATE_LIMIT),
      API_KEY_RATE_LIMIT_PER_MINUTE: String(RATE_LIMIT),
      // Production refuses to start without a vault key; a throwaway one fits a throwaway database.
      NEONHUB_ENCRYPTION_KEYS: `bench:${randomBytes(32).toString('base64')}`,
    };
    console.log(`commit ${commit()}; database ${dbName}; Redis database ${redisDb}; LOG_LEVEL=warn, DATABASE_POOL_SIZE=10 (default); load average ${loadAverage()}`);
    console.log(`RUN_RATE_LIMIT_PER_MINUTE and API_KEY_RATE_LIMIT_PER_MINUTE raised to ${RATE_LIMIT} (the highest value the config accepts) so the limiters never refuse a bench run`);
    const sync = { agent: 'echo', input: { toolCalls: 2 } };

    const api = await start('dist/src/main.js', [], { ...env, PORT: '3911' }, 3911, '/health/ready');
    closers.push(api.stop);
    await load(`${api.url}/health/live`, { connections: 32, seconds: 2 });
    await load(`${api.url}/v1/runs`, { connections: 32, seconds: 3, body: sync, headers: auth });
    const liveCpu = api.cpuMs();
    const live = await load(`${api.url}/health/live`, { connections: 32, seconds: 8 });
    const liveCpuPerRequest = (api.cpuMs() - liveCpu) / live.total;
    console.log(`GET /health/live: ${live.rps.toFixed(0)} req/s, p50 ${live.p50} ms, p99 ${live.p99} ms, API CPU ${liveCpuPerRequest.toFixed(2)} ms/request`);
    const apiCpu = api.cpuMs();
    const pgCpu = postgresCpuMs();
    const runs = await load(`${api.url}/v1/runs`, { connections: 32, seconds: 10, body: sync, headers: auth });
    const apiCpuPerRun = (api.cpuMs() - apiCpu) / runs.total;
    const pgCpuPerRun = (postgresCpuMs() - pgCpu) / runs.total;
    const non201 = Object.entries(runs.statuses).filter(([c]) => c !== '201').reduce((n, [, k]) => n + k, 0) + runs.errors;
    console.log(`sync runs: ${runs.rps.toFixed(0)} runs/s, p50 ${runs.p50} ms, p99 ${runs.p99} ms, statuses ${JSON.stringify(runs.statuses)}, errors ${runs.errors}, API CPU ${apiCpuPerRun.toFixed(1)} ms/run, Postgres CPU ${pgCpuPerRun.toFixed(2)} ms/run`);
    const batch = await concurrentBatch(api.url, auth, db, 200, { agent: 'echo', input: { toolCalls: 2, delayMs: 1000 } });
    console.log(`200 x 1 s runs at once: ${batch.wallMs.toFixed(0)} ms wall, statuses ${JSON.stringify(batch.statuses)}, at most ${batch.held.sessions} DB sessions, ${batch.held.inTransaction} idle in a transaction for > 0.8 s`);

    const trials: AsyncTrial[] = [];
    for (const concurrency of CONCURRENCIES) {
      const trial = await workerTrial(api.url, auth, db, { ...env, WORKER_PORT: '3912' }, concurrency);
      console.log(`async, queue filled at ${trial.addRate.toFixed(0)} adds/s, then one worker with WORKER_CONCURRENCY=${concurrency} (and the organization's run limit raised to it): ${trial.text}`);
      trials.push(trial);
    }
    const best = trials.reduce((a, b) => (b.rate > a.rate ? b : a));
    const addRate = trials.reduce((sum, t) => sum + t.addRate, 0) / trials.length;
    const e2e = await endToEndTrial(api.url, auth, db, { ...env, WORKER_PORT: '3912' }, best.concurrency);
    console.log(`async end to end, worker running while adding (WORKER_CONCURRENCY=${best.concurrency}): ${e2e.rate.toFixed(0)} runs/s, adds ${e2e.addRate.toFixed(0)}/s, ${e2e.completed} COMPLETED, ${e2e.other} other final`);
    await api.stop();

    const heap = HEAP_RUNS > 0 ? await heapTrial(env, auth, work) : undefined;
    if (heap) console.log(`heap after a forced GC: ${heap.text}`);

    const trips = await roundTrips(env, auth, db, new URL(dbUrl), closers);
    console.log(`round trips: sync run ${trips.sync.toFixed(1)} (${trips.withWrite.toFixed(1)} with one deferred write); async run ${trips.asyncApi.toFixed(1)} in the API + ${trips.asyncWorker.toFixed(1)} in the worker`);

    const bare = await bareNest(work);
    const rawPg = await rawPgTxn(work, db, dbUrl);
    const rawBull = await rawBullmq();

    const ratio = (a: number, b: number | undefined) => (b ? `${(a / b).toFixed(2)}` : 'n/a');
    const rows: string[][] = [
      ['GET /health/live, 32 conns, 8 s', `${live.rps.toFixed(0)} req/s, p50 ${live.p50} ms, p99 ${live.p99} ms`, '≥0.5 of bare Nest', bare.text, ratio(live.rps, bare.rps)],
      ['API CPU time per GET /health/live (user + system)', `${liveCpuPerRequest.toFixed(2)} ms`, '-', '-', '-'],
      ['sync echo run (2 tool calls), 32 conns, 10 s', `${runs.rps.toFixed(0)} runs/s, p50 ${runs.p50} ms, p99 ${runs.p99} ms`, '≥0.35 of the ceiling, p99 ≤50 ms', rawPg.text, ratio(runs.rps, rawPg.rps)],
      ['sync runs answered other than 201', `${non201}`, '0', '-', '-'],
      ['API CPU time per sync run (user + system)', `${apiCpuPerRun.toFixed(2)} ms`, '≤2.0 ms', '-', '-'],
      ['Postgres CPU time per sync run (all its processes)', `${pgCpuPerRun.toFixed(2)} ms`, '-', `${rawPg.pgCpuPerTxn?.toFixed(2) ?? 'n/a'} ms per raw transaction`, ratio(pgCpuPerRun, rawPg.pgCpuPerTxn)],
      [`async runs, one worker draining a filled queue (best: WORKER_CONCURRENCY=${best.concurrency})`, `${best.rate.toFixed(0)} runs/s (${trials.map((t) => `c=${t.concurrency}: ${t.rate.toFixed(0)}`).join(', ')}); worker CPU ${best.cpuMsPerRun.toFixed(2)} ms/run`, '≥800 runs/s, worker CPU ≤1.2 ms/run', rawBull.processedText, ratio(best.rate, rawBull.processed)],
      [`async runs end to end, worker running while adding (c=${best.concurrency})`, `${e2e.rate.toFixed(0)} runs/s (first add to last completion)`, '-', '-', '-'],
      ['async adds (POST mode async, 64 conns, no worker running)', `${addRate.toFixed(0)} runs/s`, '-', rawBull.addText, ratio(addRate, rawBull.singleAdds)],
      ['200 concurrent sync runs with delayMs 1000', `${(batch.wallMs / 1000).toFixed(2)} s wall (${JSON.stringify(batch.statuses)})`, 'all finished within 1.2 s', '1.00 s (the wait itself)', ratio(batch.wallMs, 1000)],
      ['DB sessions idle in a transaction > 0.8 s during that batch', `${batch.held.inTransaction} (of at most ${batch.held.sessions} open)`, '0: none held across the wait', '-', '-'],
      [`heap after a forced GC, ${HEAP_RUNS} sync runs in a row`, heap?.text ?? 'skipped', 'within 10 % of the value after the first 10 %', '-', heap ? heap.ratio.toFixed(2) : '-'],
      ['DB round trips per sync run (2 tool calls)', trips.sync.toFixed(1), '≤7', `${rawPg.roundTrips} (raw transaction)`, ratio(trips.sync, rawPg.roundTrips)],
      ['DB round trips per sync run with one deferred write (BEGIN, write, completion, COMMIT)', trips.withWrite.toFixed(1), '-', '-', '-'],
      ['DB round trips per async run (API + worker)', `${trips.asyncApi.toFixed(1)} + ${trips.asyncWorker.toFixed(1)}`, '-', '-', '-'],
    ];
    console.log(`\n${cpus().length} cores; load average at the end ${loadAverage()} (other processes share these cores: compare ratios, not absolutes)`);
    console.log('\n| measurement | NeonHub | target | ceiling, same session | NeonHub / ceiling |\n| --- | --- | --- | --- | --- |');
    for (const row of rows) console.log(`| ${row.join(' | ')} |`);
    console.log(`\nStatements of one sync run, API side, in order:\n${trips.statements.map((s, i) => `${i + 1}. ${s.slice(0, 140)}`).join('\n')}`);
  } finally {
    for (const close of closers.reverse()) await close().catch(() => undefined);
    for (const child of children) child.kill('SIGKILL');
    await db.end().catch(() => undefined);
    rmSync(work, { recursive: true, force: true });
    await deleteOwnRedisKeys(redisDb);
    await admin.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
    await admin.end();
  }
}

/**
 * HEAP_RUNS sync runs through a fresh API in one go: its heap after a forced GC once the first
 * tenth are done, and again after all of them. A leak grows with the runs; a warm heap does not.
 */
async function heapTrial(env: Record<string, string>, auth: Record<string, string>, work: string) {
  const probe = join(work, 'heap.txt');
  const api = await start('dist/src/main.js', [], { ...env, PORT: '3916', HEAP_PROBE_FILE: probe }, 3916, '/health/ready', ['--expose-gc', '-r', join(__dirname, 'heap-probe.js')]);
  try {
    const sync = { agent: 'echo', input: { toolCalls: 2 } };
    const sample = async () => {
      api.signal('SIGUSR2');
      for (let i = 0; i < 50; i++) {
        await delay(100);
        const lines = readFileSync(probe, { encoding: 'utf8', flag: 'a+' }).trim().split('\n').filter(Boolean);
        if (lines.length > samples.length) return Number(lines[lines.length - 1]);
      }
      throw new Error('the heap probe did not answer');
    };
    const samples: number[] = [];
    const first = Math.round(HEAP_RUNS / 10);
    const a = await load(`${api.url}/v1/runs`, { connections: 32, amount: first, body: sync, headers: auth });
    samples.push(await sample());
    const b = await load(`${api.url}/v1/runs`, { connections: 32, amount: HEAP_RUNS - first, body: sync, headers: auth });
    samples.push(await sample());
    const ok = (a.statuses['201'] ?? 0) + (b.statuses['201'] ?? 0);
    const mib = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MiB`;
    const ratio = samples[1] / samples[0];
    return { ratio, text: `${mib(samples[0])} after ${first} runs, ${mib(samples[1])} after ${HEAP_RUNS} (${ok} answered 201): ${((ratio - 1) * 100).toFixed(1)} %` };
  } finally {
    await api.stop();
  }
}

/** `count` runs at once; meanwhile samples the database's sessions, to see whether waiting runs hold any. */
async function concurrentBatch(api: string, auth: Record<string, string>, db: Client, count: number, body: unknown) {
  const started = performance.now();
  const statuses: Record<string, number> = {};
  const held = { sessions: 0, inTransaction: 0 };
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      // A connection held across a run's 1 s wait would sit idle in its transaction for most of that second.
      const { rows } = await db.query<{ sessions: string; tx: string }>(
        `select count(*) as sessions, count(*) filter (where state like 'idle in transaction%' and now() - state_change > interval '800 ms') as tx
           from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`,
      );
      held.sessions = Math.max(held.sessions, Number(rows[0].sessions));
      held.inTransaction = Math.max(held.inTransaction, Number(rows[0].tx));
      await delay(20);
    }
  })();
  await Promise.all(
    Array.from({ length: count }, async () => {
      const res = await fetch(`${api}/v1/runs`, { method: 'POST', headers: { 'content-type': 'application/json', ...auth }, body: JSON.stringify(body) });
      await res.arrayBuffer();
      statuses[res.status] = (statuses[res.status] ?? 0) + 1;
    }),
  );
  const wallMs = performance.now() - started;
  sampling = false;
  await sampler;
  return { wallMs, statuses, held };
}

interface Batch {
  intent: string;
  accepted: number;
  addRate: number;
  firstAdd: number;
}

/** `ASYNC_RUNS` async runs through the API, 64 at a time, each batch told apart by its intent. */
async function addAsync(api: string, auth: Record<string, string>, label: string): Promise<Batch> {
  const intent = `bench-async-${label}-${Date.now()}`;
  const firstAdd = Date.now();
  const adds = await load(`${api}/v1/runs`, { connections: 64, amount: ASYNC_RUNS, body: { agent: 'echo', intent, mode: 'async', input: { toolCalls: 2 } }, headers: auth });
  return { intent, accepted: adds.statuses['202'] ?? 0, addRate: ASYNC_RUNS / ((Date.now() - firstAdd) / 1000), firstAdd };
}

/** Waits until every accepted run of the batch is final; times come from the rows themselves. */
async function drained(db: Client, batch: Batch) {
  const deadline = Date.now() + 300_000;
  for (;;) {
    const { rows } = await db.query<{ done: string; ok: string; first: Date | null; last: Date | null }>(
      `select count(*) filter (where ${FINAL}) as done, count(*) filter (where status = 'COMPLETED') as ok,
              min(started_at) as first, max(finished_at) as last from agent_runs where intent = $1`,
      [batch.intent],
    );
    const row = rows[0];
    if (Number(row.done) >= batch.accepted || Date.now() > deadline) {
      const completed = Number(row.ok);
      return { completed, other: Number(row.done) - completed, firstStart: row.first?.getTime() ?? NaN, lastFinish: row.last?.getTime() ?? NaN };
    }
    await delay(100);
  }
}

interface AsyncTrial {
  concurrency: number;
  addRate: number;
  rate: number;
  cpuMsPerRun: number;
  text: string;
}

/** Queue filled first (no worker), then ONE worker drains it: runs/s from its first claim to its last completion. */
async function workerTrial(api: string, auth: Record<string, string>, db: Client, env: Record<string, string>, concurrency: number): Promise<AsyncTrial> {
  const batch = await addAsync(api, auth, `c${concurrency}`);
  const worker = await start('dist/src/worker.js', [], { ...env, ...workerSlots(concurrency) }, Number(env.WORKER_PORT), '/health/ready');
  try {
    // The worker takes jobs before it answers /health/ready: CPU per run counts only the runs finished after this point.
    const cpuBefore = worker.cpuMs();
    const pgBefore = postgresCpuMs();
    const { rows } = await db.query<{ n: string }>(`select count(*) as n from agent_runs where intent = $1 and status = 'COMPLETED'`, [batch.intent]);
    const d = await drained(db, batch);
    const rate = d.completed / ((d.lastFinish - d.firstStart) / 1000);
    const finishedHere = Math.max(1, d.completed - Number(rows[0].n));
    const cpuMsPerRun = (worker.cpuMs() - cpuBefore) / finishedHere;
    const pgCpuMsPerRun = (postgresCpuMs() - pgBefore) / finishedHere;
    const text = `${rate.toFixed(0)} runs/s (${d.completed}/${ASYNC_RUNS} COMPLETED, ${d.other} other final), worker CPU ${cpuMsPerRun.toFixed(2)} ms/run, Postgres CPU ${pgCpuMsPerRun.toFixed(2)} ms/run`;
    return { concurrency, addRate: batch.addRate, rate, cpuMsPerRun, text };
  } finally {
    await worker.stop();
  }
}

/** The worker already running while the runs are added: runs/s from the first add to the last completion. */
async function endToEndTrial(api: string, auth: Record<string, string>, db: Client, env: Record<string, string>, concurrency: number) {
  const worker = await start('dist/src/worker.js', [], { ...env, ...workerSlots(concurrency) }, Number(env.WORKER_PORT), '/health/ready');
  try {
    const batch = await addAsync(api, auth, `e2e-c${concurrency}`);
    const d = await drained(db, batch);
    return { rate: d.completed / ((d.lastFinish - batch.firstAdd) / 1000), addRate: batch.addRate, completed: d.completed, other: d.other };
  } finally {
    await worker.stop();
  }
}

async function waitFinished(db: Client, id: string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    const { rows } = await db.query(`select 1 from agent_runs where id = $1 and ${FINAL}`, [id]);
    if (rows.length) return;
    await delay(10);
  }
  throw new Error(`run ${id} did not finish`);
}

/** A second API and worker whose database connections pass through counting proxies; runs one at a time. */
async function roundTrips(env: Record<string, string>, auth: Record<string, string>, db: Client, dbUrl: URL, closers: Array<() => Promise<unknown>>) {
  const apiPg = await startPgCounter(dbUrl);
  const workerPg = await startPgCounter(dbUrl);
  closers.push(apiPg.close, workerPg.close);
  const api = await start('dist/src/main.js', [], { ...env, DATABASE_URL: apiPg.url, PORT: '3913' }, 3913, '/health/ready');
  closers.push(api.stop);
  const worker = await start('dist/src/worker.js', [], { ...env, DATABASE_URL: workerPg.url, WORKER_PORT: '3914', WORKER_CONCURRENCY: '1' }, 3914, '/health/ready');
  closers.push(worker.stop);
  const post = async (body: unknown) => {
    const res = await fetch(`${api.url}/v1/runs`, { method: 'POST', headers: { 'content-type': 'application/json', ...auth }, body: JSON.stringify(body) });
    return ((await res.json()) as { id: string }).id;
  };
  const sync = { agent: 'echo', input: { toolCalls: 2 } };
  const async_ = { ...sync, mode: 'async' };
  for (let i = 0; i < 5; i++) await waitFinished(db, await post(i % 2 ? async_ : sync));
  const n = 20;
  apiPg.state.roundTrips = 0;
  for (let i = 0; i < n; i++) await post(sync);
  const syncTrips = apiPg.state.roundTrips / n;
  // The same run with one deferred write (echo's audit row): completion becomes a transaction.
  apiPg.state.roundTrips = 0;
  for (let i = 0; i < n; i++) await post({ agent: 'echo', input: { toolCalls: 2, audit: true } });
  const withWriteTrips = apiPg.state.roundTrips / n;
  apiPg.state.recording = [];
  await post(sync);
  const statements = apiPg.state.recording;
  apiPg.state.recording = null;
  apiPg.state.roundTrips = 0;
  workerPg.state.roundTrips = 0;
  for (let i = 0; i < n; i++) await waitFinished(db, await post(async_));
  const result = { sync: syncTrips, withWrite: withWriteTrips, asyncApi: apiPg.state.roundTrips / n, asyncWorker: workerPg.state.roundTrips / n, statements };
  await worker.stop();
  await api.stop();
  return result;
}

/** ../shared/bench/bare-nest.ts, compiled here with decorator metadata, on Fastify, loaded like /health/live. */
async function bareNest(work: string): Promise<{ rps?: number; text: string }> {
  try {
    const ts = require('typescript') as typeof import('typescript');
    const source = readFileSync(join(CEILINGS, 'bare-nest.ts'), 'utf8');
    const options = { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, experimentalDecorators: true, emitDecoratorMetadata: true };
    writeFileSync(join(work, 'bare-nest.js'), ts.transpileModule(source, { compilerOptions: options }).outputText);
    const bare = await start(join(work, 'bare-nest.js'), ['fastify', '3915'], {}, 3915, '/live');
    try {
      await load(`${bare.url}/live`, { connections: 32, seconds: 2 });
      const r = await load(`${bare.url}/live`, { connections: 32, seconds: 8 });
      return { rps: r.rps, text: `bare Nest+Fastify GET /live: ${r.rps.toFixed(0)} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms` };
    } finally {
      await bare.stop();
    }
  } catch (error) {
    return { text: `bare-nest.ts could not run: ${(error as Error).message.slice(0, 200)}` };
  }
}


main().catch((error: Error) => {
  console.error(`bench failed: ${error.message}`);
  for (const child of children) child.kill('SIGKILL');
  process.exit(1);
});
