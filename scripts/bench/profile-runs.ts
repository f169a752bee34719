/**
 * Where a sync run's CPU goes in the API: starts the production build, profiles it with V8's CPU
 * profiler while it is loaded with sync echo runs (2 tool calls, 32 connections; boot and warm-up
 * left out), and prints self time by package, by our own source file and by function.
 *   npm run build && npm run bench:profile
 * BENCH_PROFILE_SECONDS (default 8) and BENCH_PROFILE_PATH (default POST /v1/runs; `live` for
 * GET /health/live; `worker` for one worker draining BENCH_PROFILE_RUNS queued async runs) shape
 * the load. Uses its own database and an empty Redis database.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { Client } from 'pg';
import { applyMigrations } from '../../src/infra/database/migrations/migrator';
import { seedDatabase } from '../../src/infra/database/seed/seed';
import { issueApiKey } from '../../src/modules/api-keys/api-key-token';
import { children, deleteOwnRedisKeys, pickRedisDb, REDIS, start } from './bench-support';

const SERVER = process.env.TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const SECONDS = Number(process.env.BENCH_PROFILE_SECONDS ?? 8);
const TARGET = process.env.BENCH_PROFILE_PATH ?? 'runs';
const PORT = 3921;
const autocannon = require('autocannon') as (opts: Record<string, unknown>) => Promise<{ requests: { total: number } }>;

interface ProfileNode {
  id: number;
  callFrame: { url: string; functionName: string };
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Groups a frame by package (node_modules/<pkg>), our own file (src/...), or V8/Node internals. */
function bucketOf(url: string): string {
  if (!url) return '(native, GC, idle)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1];
  const own = /dist\/(src\/.*)\.js$/.exec(url);
  if (own) return own[1];
  return url.startsWith('node:') ? 'node internals' : url;
}

function summarize(profile: Profile, requests: number): void {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const node = byId.get(id)!;
    if (node.callFrame.functionName === '(idle)') return;
    const us = profile.timeDeltas[i] ?? 0;
    total += us;
    const key = bucketOf(node.callFrame.url);
    self.set(key, (self.get(key) ?? 0) + us);
    const fn = `${node.callFrame.functionName || '(anonymous)'}\t${key === 'node internals' ? node.callFrame.url : key}`;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + us);
  });
  console.log(`busy CPU ${(total / 1000).toFixed(0)} ms over ${requests} requests: ${(total / 1000 / requests).toFixed(3)} ms per request`);
  console.log('| where | ms per request | share |\n| --- | --- | --- |');
  for (const [key, us] of [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 25)) {
    console.log(`| ${key} | ${(us / 1000 / requests).toFixed(3)} | ${((100 * us) / total).toFixed(1)} % |`);
  }
  console.log('\n| function (self time) | where | ms per request |\n| --- | --- | --- |');
  for (const [key, us] of [...byFunction.entries()].sort((a, b) => b[1] - a[1]).slice(0, 25)) {
    const [fn, where] = key.split('\t');
    console.log(`| ${fn} | ${where} | ${(us / 1000 / requests).toFixed(3)} |`);
  }
}

/** Starts a built entry point (bench-support's `start`) with the profiling-window preload. */
async function startProfiled(script: string, env: Record<string, string>, port: number, file: string) {
  const service = await start(
    script,
    [],
    { LOG_LEVEL: 'warn', RUN_RATE_LIMIT_PER_MINUTE: '1000000', API_KEY_RATE_LIMIT_PER_MINUTE: '1000000', CPU_PROFILE_FILE: file, ...env },
    port,
    '/health/ready',
    ['-r', join(__dirname, 'cpu-profile-window.js')],
  );
  return {
    url: service.url,
    start: () => service.signal('SIGUSR2'),
    /** Stops the profiler, waits for its file, then stops the process. */
    async finish(): Promise<Profile> {
      service.signal('SIGUSR1');
      for (let i = 0; i < 100 && !existsSync(file); i++) await delay(100);
      await service.stop();
      if (!existsSync(file)) throw new Error('no profile written');
      return JSON.parse(readFileSync(file, 'utf8')) as Profile;
    },
  };
}

async function main(): Promise<void> {
  const redisDb = await pickRedisDb();
  const dbName = `neonhub_bench_profile_${process.pid}`;
  const admin = new Client({ connectionString: SERVER });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${dbName}"`);
  const dbUrl = Object.assign(new URL(SERVER), { pathname: `/${dbName}` }).toString();
  const dir = mkdtempSync(join(tmpdir(), 'neonhub-profile-'));
  try {
    await applyMigrations({ databaseUrl: dbUrl });
    const apiKey = issueApiKey().plaintext;
    await seedDatabase({ databaseUrl: dbUrl, apiKey });
    const env = {
      DATABASE_URL: dbUrl,
      REDIS_URL: Object.assign(new URL(REDIS), { pathname: `/${redisDb}` }).toString(),
      NEONHUB_ENCRYPTION_KEYS: `bench:${randomBytes(32).toString('base64')}`,
    };
    const api = await startProfiled('dist/src/main.js', { ...env, PORT: String(PORT) }, PORT, join(dir, 'api.cpuprofile'));
    const auth = { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` };
    if (TARGET === 'worker') {
      // The queue is filled first; then one worker drains it, profiled from its first job to its last.
      const runs = Number(process.env.BENCH_PROFILE_RUNS ?? 3000);
      const body = JSON.stringify({ agent: 'echo', mode: 'async', input: { toolCalls: 2 } });
      await autocannon({ url: `${api.url}/v1/runs`, method: 'POST', body, headers: auth, connections: 64, amount: runs });
      const db = new Client({ connectionString: dbUrl });
      await db.connect();
      const worker = await startProfiled('dist/src/worker.js', { ...env, WORKER_PORT: String(PORT + 1), WORKER_CONCURRENCY: process.env.BENCH_WORKER_CONCURRENCY ?? '32' }, PORT + 1, join(dir, 'worker.cpuprofile'));
      worker.start();
      const done = async () => Number((await db.query(`select count(*) as n from agent_runs where status::text in ('COMPLETED','FAILED')`)).rows[0].n);
      const before = await done();
      while ((await done()) < runs) await delay(100);
      const profile = await worker.finish();
      await db.end();
      await api.finish();
      summarize(profile, runs - before);
      return;
    }
    const request = TARGET === 'live' ? { url: `${api.url}/health/live` } : { url: `${api.url}/v1/runs`, method: 'POST', body: JSON.stringify({ agent: 'echo', input: { toolCalls: 2 } }), headers: auth };
    await autocannon({ ...request, connections: 32, duration: 2 });
    api.start();
    await delay(200);
    const measured = await autocannon({ ...request, connections: 32, duration: SECONDS });
    // The profile spans the measured load and the 200 ms before it (idle samples are left out).
    summarize(await api.finish(), measured.requests.total);
  } finally {
    for (const child of children) child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
    await deleteOwnRedisKeys(redisDb);
    await admin.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
    await admin.end();
  }
}

main().catch((error: Error) => {
  console.error(`profile failed: ${error.message}`);
  for (const child of children) child.kill('SIGKILL');
  process.exit(1);
});
