/**
 * Waiting runs (issue 10's benchmark), against the production build (`npm run build` first), the
 * PostgreSQL server and Redis, the API and one worker as real processes on a fresh database:
 *  1. memory of waiting: RSS and live heap (after a forced GC) of the API and the worker, rows and
 *     bytes of the run tables, Redis memory, before and after 10,000 runs wait for approval
 *     (and half-way, and after a few idle seconds): what each waiting run costs;
 *  2. decision to running: 1,000 of them approved 32 at a time, then 200 one at a time; per run,
 *     the approval's decided_at to its run.resumed event (both the database's clock), decisions/s;
 *  3. SSE fan-out: 500 clients each following a run (GET /v1/runs/:id/events) while the runs
 *     execute: events/s delivered, every event in order, the API's CPU.
 * Ceilings in the same run (../shared/bench): raw pg run-shaped transactions, raw BullMQ, and
 * BullMQ's own add-to-start latency with jobs added at the rate the decisions came.
 *   npm run bench:waits
 * TEST_POSTGRES_URL names the server (default local), REDIS_URL the Redis (default local; the bench
 * picks an empty database, BENCH_REDIS_DB to choose). BENCH_WAITING (default 10000),
 * BENCH_DECISIONS (1000), BENCH_DECISIONS_ONE_BY_ONE (200), BENCH_SSE_CLIENTS (500), BENCH_WORKER_CONCURRENCY (32)
 * and BENCH_ORG_MAX_CONCURRENT_RUNS (the worker's concurrency) shape it.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import IORedis from 'ioredis';
import { Client } from 'pg';
import { applyMigrations } from '../../src/infra/database/migrations/migrator';
import { seedDatabase } from '../../src/infra/database/seed/seed';
import { issueApiKey } from '../../src/modules/api-keys/api-key-token';
import { children, deleteOwnRedisKeys, loadAverage, pickRedisDb, postgresCpuMs, REDIS, start } from './bench-support';
import { rawBullmq, rawBullmqLatency, rawPgTxn } from './lib/ceilings';
import { approve, decisionToRunning, pendingApprovals, sseFanOut, submitRuns, waitForStatus, type Api } from './lib/waits-phases';
import { mib, perRun, runQueueCounts, snapshot, type MemorySnapshot, type Probed } from './lib/waits-memory';

const SERVER = process.env.TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const WAITING = Number(process.env.BENCH_WAITING ?? 10_000);
const DECISIONS = Number(process.env.BENCH_DECISIONS ?? 1000);
const SSE_CLIENTS = Number(process.env.BENCH_SSE_CLIENTS ?? 500);
const WORKER_CONCURRENCY = Number(process.env.BENCH_WORKER_CONCURRENCY ?? 32);
/**
 * One organization submits every run here, so its limit on runs executing at once (default 4, for
 * fairness between organizations, measured elsewhere) would be the bottleneck instead of the
 * worker: it is raised to the worker's concurrency unless set.
 */
const ORG_MAX_CONCURRENT = Number(process.env.BENCH_ORG_MAX_CONCURRENT_RUNS ?? WORKER_CONCURRENCY);
const DECISION_CONCURRENCY = 32;
/** Decisions made one at a time afterwards: the resume path when the worker is not behind. */
const ONE_BY_ONE = Number(process.env.BENCH_DECISIONS_ONE_BY_ONE ?? 200);
/** Runs that go through the whole path first, so pools, JIT and caches are warm before "before". */
const WARM_UP = 500;
const SETTLE_MS = 5000;
/** What a waiting agent did first: two recorded tool calls, then the approval request. */
const WAIT_INPUT = { requireApproval: true, toolCalls: 2, message: 'draft post' };
const SSE_INPUT = { toolCalls: 5, message: 'followed' };
const HEAP_PROBE = join(__dirname, 'heap-probe.js');

const started = performance.now();
const progress = (message: string) => console.log(`[${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s] ${message}`);

async function main(): Promise<void> {
  const redisDb = await pickRedisDb();
  const redisUrl = Object.assign(new URL(REDIS), { pathname: `/${redisDb}` }).toString();
  const dbName = `neonhub_bench_waits_${process.pid}`;
  const admin = new Client({ connectionString: SERVER });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${dbName}"`);
  const dbUrl = Object.assign(new URL(SERVER), { pathname: `/${dbName}` }).toString();
  const db = new Client({ connectionString: dbUrl });
  const work = mkdtempSync(join(tmpdir(), 'neonhub-bench-waits-'));
  const stops: Array<() => Promise<void>> = [];
  try {
    await applyMigrations({ databaseUrl: dbUrl });
    const apiKey = issueApiKey().plaintext;
    await seedDatabase({ databaseUrl: dbUrl, apiKey });
    await db.connect();
    const env = {
      DATABASE_URL: dbUrl,
      REDIS_URL: redisUrl,
      LOG_LEVEL: 'warn',
      // The limiter counts per (agent, user); this bench submits 12,000 runs as one user.
      RUN_RATE_LIMIT_PER_MINUTE: '1000000',
      // As many requests as one key makes here (the per-key limit would otherwise refuse them).
      API_KEY_RATE_LIMIT_PER_MINUTE: '1000000',
      ORGANIZATION_MAX_CONCURRENT_RUNS: String(ORG_MAX_CONCURRENT),
      NEONHUB_ENCRYPTION_KEYS: `bench:${randomBytes(32).toString('base64')}`,
    };
    const probeArgs = ['--expose-gc', '-r', HEAP_PROBE];
    const apiProbe: Probed = { heapFile: join(work, 'api-heap.txt'), service: await start('dist/src/main.js', [], { ...env, PORT: '3931', HEAP_PROBE_FILE: join(work, 'api-heap.txt') }, 3931, '/health/ready', probeArgs) };
    stops.push(apiProbe.service.stop);
    const workerEnv = { ...env, WORKER_PORT: '3932', WORKER_CONCURRENCY: String(WORKER_CONCURRENCY), HEAP_PROBE_FILE: join(work, 'worker-heap.txt') };
    const workerProbe: Probed = { heapFile: join(work, 'worker-heap.txt'), service: await start('dist/src/worker.js', [], workerEnv, 3932, '/health/ready', probeArgs) };
    stops.push(workerProbe.service.stop);
    const api: Api = { url: apiProbe.service.url, auth: { authorization: `Bearer ${apiKey}` } };
    progress(`database ${dbName}, Redis database ${redisDb}, WORKER_CONCURRENCY=${WORKER_CONCURRENCY}, ORGANIZATION_MAX_CONCURRENT_RUNS=${ORG_MAX_CONCURRENT} (one organization), DATABASE_POOL_SIZE=10 (default), ${cpus().length} cores, load average ${loadAverage()}`);

    progress(`warm-up: ${WARM_UP} runs through approval to completion`);
    await submitRuns(api, WARM_UP, 'bench-warm-up', WAIT_INPUT);
    await waitForStatus(db, 'bench-warm-up', 'AWAITING_APPROVAL', WARM_UP);
    await approve(api, await pendingApprovals(api, WARM_UP), DECISION_CONCURRENCY);
    await waitForStatus(db, 'bench-warm-up', 'COMPLETED', WARM_UP);

    const snap = (label: string) => snapshot(label, apiProbe, workerProbe, db, redisUrl);
    // Idle as long as before the last snapshot: the first and the last are compared like with like.
    await delay(SETTLE_MS);
    const snaps: MemorySnapshot[] = [await snap('before')];
    for (const [i, count] of [Math.floor(WAITING / 2), WAITING - Math.floor(WAITING / 2)].entries()) {
      const intent = `bench-waiting-${i}`;
      await submitRuns(api, count, intent, WAIT_INPUT);
      const ms = await waitForStatus(db, intent, 'AWAITING_APPROVAL', count);
      progress(`${count} more runs AWAITING_APPROVAL ${(ms / 1000).toFixed(1)} s after the last submission`);
      snaps.push(await snap(i === 0 ? `${count} waiting` : `${WAITING} waiting`));
    }
    const queueWhileWaiting = await runQueueCounts(redisUrl);
    await delay(SETTLE_MS);
    snaps.push(await snap(`${WAITING} waiting, ${SETTLE_MS / 1000} s idle`));
    for (const s of snaps) {
      progress(
        `${s.label}: API RSS ${mib(s.apiRssAsFound)} as found, ${mib(s.apiRss)} after GC, heap ${mib(s.apiHeap)}; worker RSS ${mib(s.workerRssAsFound)}, ${mib(s.workerRss)}, heap ${mib(s.workerHeap)}; ` +
          `rows ${Object.entries(s.tables).map(([t, v]) => `${t} ${v.rows}`).join(', ')}; Redis used_memory ${mib(s.redisUsedMemory)}, ${s.redisKeys} keys in its database (${mib(s.redisKeyBytes)}; largest ${s.redisLargest}); ${s.dbSessions} DB sessions`,
      );
    }
    progress(`run queue while ${WAITING} runs wait: ${JSON.stringify(queueWhileWaiting)}`);
    const [before, half, full, settled] = snaps;
    const cost = perRun(before, settled, WAITING);
    const slope = perRun(half, full, WAITING - Math.floor(WAITING / 2));

    const cpu = { api: () => apiProbe.service.cpuMs(), worker: () => workerProbe.service.cpuMs() };
    const burst = await decisionPass(api, db, cpu, DECISIONS, DECISION_CONCURRENCY);
    const oneByOne = await decisionPass(api, db, cpu, ONE_BY_ONE, 1);

    progress(`SSE: ${SSE_CLIENTS} clients following ${SSE_CLIENTS} runs (echo, toolCalls 5)`);
    const fan = await sseFanOut(api, db, { api: apiProbe.service.pid, worker: workerProbe.service.pid }, SSE_CLIENTS, 8000, SSE_INPUT);
    progress(`SSE: ${fan.complete}/${fan.clients} clients got every event in order; ${fan.liveDelivered} live events in ${fan.windowSeconds.toFixed(2)} s = ${fan.eventsPerSecond.toFixed(0)}/s (worker appended ${fan.storedPerSecond.toFixed(0)}/s); API CPU ${fan.apiCpuSeconds.toFixed(2)} s = ${fan.apiCpuPercent.toFixed(0)} % of a core${fan.problems.length ? `; problems: ${fan.problems.join('; ')}` : ''}`);

    for (const stop of stops.splice(0).reverse()) await stop();
    progress('ceilings: raw pg run-shaped transaction, raw BullMQ, BullMQ add-to-start latency');
    const rawPg = await rawPgTxn(work, db, dbUrl);
    const rawBull = await rawBullmq();
    const bullBurst = await rawBullmqLatency(redisUrl, DECISIONS, burst.decided.perSecond, WORKER_CONCURRENCY);
    const bullOneByOne = await rawBullmqLatency(redisUrl, ONE_BY_ONE, oneByOne.decided.perSecond, WORKER_CONCURRENCY);
    for (const text of [rawPg.text, rawBull.processedText, bullBurst.text, bullOneByOne.text]) progress(text);

    const bytes = (n: number) => `${n.toFixed(0)} B`;
    const ratio = (a: number, b?: number) => (b ? (a / b).toFixed(2) : '-');
    const t = cost.tables;
    const rows: string[][] = [
      [`API RSS after GC: before, ${WAITING} waiting, after ${SETTLE_MS / 1000} s idle (as found: ${mib(before.apiRssAsFound)}, ${mib(full.apiRssAsFound)}, ${mib(settled.apiRssAsFound)})`, `${mib(before.apiRss)}, ${mib(full.apiRss)}, ${mib(settled.apiRss)}`, '-', '-'],
      [`worker RSS after GC, same points (as found: ${mib(before.workerRssAsFound)}, ${mib(full.workerRssAsFound)}, ${mib(settled.workerRssAsFound)})`, `${mib(before.workerRss)}, ${mib(full.workerRss)}, ${mib(settled.workerRss)}`, '-', '-'],
      ['RSS per waiting run, before to idle: API / worker', `${bytes(cost.apiRss)} / ${bytes(cost.workerRss)}`, '-', '-'],
      [`RSS per waiting run, ${Math.floor(WAITING / 2)} to ${WAITING} waiting: API / worker`, `${bytes(slope.apiRss)} / ${bytes(slope.workerRss)}`, '-', '-'],
      [`live heap after GC per waiting run: API / worker (${mib(before.apiHeap)} / ${mib(before.workerHeap)} before)`, `${bytes(cost.apiHeap)} / ${bytes(cost.workerHeap)}`, '-', '-'],
      ['database per waiting run: rows of agent_runs, run_approvals, run_events, tool_executions', [t.agent_runs, t.run_approvals, t.run_events, t.tool_executions].map((x) => x.rows.toFixed(1)).join(', '), '-', '-'],
      ['database per waiting run: bytes with indexes, same tables', [t.agent_runs, t.run_approvals, t.run_events, t.tool_executions].map((x) => bytes(x.bytes)).join(', '), '-', '-'],
      [`Redis per waiting run: used_memory (server-wide, shared) / keys of the bench's database; run queue while waiting ${JSON.stringify(queueWhileWaiting)}`, `${bytes(cost.redisUsedMemory)} / ${bytes(cost.redisKeyBytes)}`, '-', '-'],
      [`decisions/s, ${DECISION_CONCURRENCY} concurrent (HTTP p50 ${burst.decided.httpP50.toFixed(0)} ms, p99 ${burst.decided.httpP99.toFixed(0)} ms; API CPU ${burst.apiCpuMs.toFixed(2)} ms per decision)`, burst.decided.perSecond.toFixed(0), rawPg.rps ? `raw pg run txn ${rawPg.rps} txn/s` : rawPg.text, ratio(burst.decided.perSecond, rawPg.rps)],
      ...[[burst, bullBurst, `${DECISIONS} decided ${DECISION_CONCURRENCY} at a time`] as const, [oneByOne, bullOneByOne, `${ONE_BY_ONE} decided one at a time`] as const].map(([pass, ceiling, how]) => [
        `decision to run.resumed, ${how} (${pass.decided.perSecond.toFixed(0)}/s), worker c=${WORKER_CONCURRENCY}: p50 / p99 / max`,
        `${pass.latency.p50.toFixed(0)} / ${pass.latency.p99.toFixed(0)} / ${pass.latency.max.toFixed(0)} ms`,
        `BullMQ add to start at that rate: p50 ${ceiling.p50.toFixed(1)} / p99 ${ceiling.p99.toFixed(1)} ms`,
        `${ratio(pass.latency.p50, ceiling.p50)} / ${ratio(pass.latency.p99, ceiling.p99)}`,
      ]),
      [`resumed runs completed/s after the burst, first decision to last completion (worker CPU ${burst.workerCpuMs.toFixed(2)} ms per resumed run)`, burst.latency.completedPerSecond.toFixed(0), rawBull.processed ? `raw BullMQ c=50 ${rawBull.processed} jobs/s` : rawBull.processedText, ratio(burst.latency.completedPerSecond, rawBull.processed)],
      [`SSE: ${fan.clients} clients, ${fan.eventsPerRun.toFixed(1)} events per run: events/s delivered`, fan.eventsPerSecond.toFixed(0), `worker appended ${fan.storedPerSecond.toFixed(0)}/s`, ratio(fan.eventsPerSecond, fan.storedPerSecond)],
      ['SSE: clients that got every event in order', `${fan.complete} / ${fan.clients}`, '-', '-'],
      [`SSE: API CPU over the ${fan.windowSeconds.toFixed(2)} s window (worker ${fan.workerCpuPercent.toFixed(0)} %)`, `${fan.apiCpuSeconds.toFixed(2)} CPU-s, ${fan.apiCpuPercent.toFixed(0)} % of a core (${((fan.apiCpuSeconds * 1e6) / fan.liveDelivered).toFixed(0)} µs per event)`, '-', '-'],
    ];
    console.log(`\n${cpus().length} cores; load average at the end ${loadAverage()}; whole bench ${((performance.now() - started) / 1000).toFixed(0)} s`);
    if (!fan.allConnectedBeforeStart) console.log('note: not every SSE client had its first event before the runs started');
    console.log('\n| measurement | NeonHub | ceiling, same run | ratio |\n| --- | --- | --- | --- |');
    for (const row of rows) console.log(`| ${row.join(' | ')} |`);
  } finally {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
    for (const child of children) child.kill('SIGKILL');
    await db.end().catch(() => undefined);
    rmSync(work, { recursive: true, force: true });
    await deleteOwnRedisKeys(redisDb);
    await deleteQueueKeys(redisUrl);
    await admin.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
    await admin.end();
  }
}

/** Approves `count` pending approvals, `concurrency` at a time, then times each run's return from the database. */
async function decisionPass(api: Api, db: Client, cpu: { api(): number; worker(): number }, count: number, concurrency: number) {
  progress(`deciding ${count} approvals, ${concurrency} at a time`);
  const chosen = await pendingApprovals(api, count);
  const before = { api: cpu.api(), worker: cpu.worker(), pg: postgresCpuMs() };
  const decided = await approve(api, chosen, concurrency);
  const apiCpuMs = (cpu.api() - before.api) / count;
  const pgCpuMs = (postgresCpuMs() - before.pg) / count;
  await waitForRuns(db, chosen.map((a) => a.runId));
  const workerCpuMs = (cpu.worker() - before.worker) / count;
  const latency = await decisionToRunning(db, chosen.map((a) => a.id));
  progress(
    `${decided.perSecond.toFixed(0)} decisions/s (HTTP p50 ${decided.httpP50.toFixed(1)} ms, p99 ${decided.httpP99.toFixed(1)} ms); decision to run.resumed p50 ${latency.p50.toFixed(0)} ms, ` +
      `p99 ${latency.p99.toFixed(0)} ms, max ${latency.max.toFixed(0)} ms; per decision: API CPU ${apiCpuMs.toFixed(2)} ms, Postgres CPU while deciding ${pgCpuMs.toFixed(2)} ms, ` +
      `worker CPU ${workerCpuMs.toFixed(2)} ms per resumed run; resumed runs completed ${latency.completedPerSecond.toFixed(0)}/s`,
  );
  return { decided, latency, apiCpuMs, workerCpuMs };
}

/** Until every one of the runs is COMPLETED. */
async function waitForRuns(db: Client, ids: string[]): Promise<void> {
  const deadline = Date.now() + 300_000;
  for (;;) {
    const { rows } = await db.query<{ n: string }>(`SELECT count(*) AS n FROM agent_runs WHERE id = ANY($1::uuid[]) AND status = 'COMPLETED'`, [ids]);
    if (Number(rows[0].n) === ids.length) return;
    if (Date.now() > deadline) throw new Error(`only ${rows[0].n} of ${ids.length} approved runs completed`);
    await delay(100);
  }
}

/** Every BullMQ queue's keys the worker made in the bench's Redis database (bench-support knows only the run queue's). */
async function deleteQueueKeys(redisUrl: string): Promise<void> {
  const redis = new IORedis(redisUrl, { maxRetriesPerRequest: 1 });
  try {
    const keys = await redis.keys('neonhub:{*'); // the queues' prefixes, redis-keys.ts queuePrefix
    if (keys.length) await redis.unlink(...keys);
  } finally {
    redis.disconnect();
  }
}

main().catch((error: Error) => {
  console.error(`bench failed: ${error.stack ?? error.message}`);
  for (const child of children) child.kill('SIGKILL');
  process.exit(1);
});
