/**
 * Connector figures for the README, against the production build (`npx nest build` first), the
 * PostgreSQL server and Redis, in a database and an empty Redis database of the bench's own:
 *  (a) what the recording proxy adds to one tool call: the same calls made directly and through
 *      RecordingToolProxy, in-process (the built modules, loaded here), with the built-in mock
 *      tool (no I/O at all) and a mock connector (its own Redis round trips); and the per-call
 *      cost inside whole echo runs (toolCalls 10 against 0);
 *  (b) direct invocation throughput: POST /v1/connectors/slack/actions/send_message in mock mode
 *      against a production API process, 32 connections for 8 s, next to sync echo runs of one
 *      tool call (the same records: one run, one tool execution) as the orchestration baseline.
 *   npm run bench:connectors
 * TEST_POSTGRES_URL names the server (default local); REDIS_URL the Redis (default local);
 * BENCH_REDIS_DB picks the Redis database (default: the first empty one from 15 down).
 */
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { Client } from 'pg';
import { applyMigrations } from '../../src/infra/database/migrations/migrator';
import { seedDatabase } from '../../src/infra/database/seed/seed';
import { loadConfig } from '../../src/config/app-config';
import { connectMockConnectors, mockConnectorManifests } from '../../src/modules/connectors/vault/mock-connections';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../../src/generated/prisma/client';
import { loadKeyRing } from '../../src/modules/connectors/vault/vault';
import { issueApiKey } from '../../src/modules/api-keys/api-key-token';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { AppConfig } from '../../src/config/app-config';
import type { ConnectorsService } from '../../src/modules/connectors/connectors.service';
import type { RecordingToolProxy as Proxy, ProxyDeps } from '../../src/modules/orchestration/recording-tool-proxy';
import { createTenants } from './lib/tenants';
import { children, deleteOwnRedisKeys, loadAverage, pickRedisDb, REDIS, ROOT, start } from './bench-support';

const DIST = join(ROOT, 'dist', 'src');
const SERVER = process.env.TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
/** Slack allows 50 posts a minute per organization (its manifest): the load spreads over this many. */
const TENANTS = 512;
const ROUNDS = 5;
const CALLS = 2000;
const RUNS = 300;
const SLACK_POST = { channel: '#marketing', text: 'Spring sale starts today' };

interface CannonResult {
  duration: number;
  requests: { total: number };
  errors: number;
  latency: { p50: number; p99: number };
  statusCodeStats: Record<string, { count: number }>;
}
// autocannon ships no type declarations; this is the part of its API used here.
const autocannon = require('autocannon') as (opts: Record<string, unknown>) => Promise<CannonResult>;
/** The built modules: the in-process app must be the one production runs, with its decorator metadata. */
const built = <T>(path: string): T => require(join(DIST, path)) as T;

const fmt = (n: number, digits = 0) => n.toFixed(digits);

async function main(): Promise<void> {
  const redisDb = await pickRedisDb();
  const redisUrl = Object.assign(new URL(REDIS), { pathname: `/${redisDb}` }).toString();
  const dbName = `neonhub_bench_connectors_${process.pid}`;
  const dbUrl = Object.assign(new URL(SERVER), { pathname: `/${dbName}` }).toString();
  const admin = new Client({ connectionString: SERVER });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${dbName}"`);
  const db = new Client({ connectionString: dbUrl });
  try {
    await applyMigrations({ databaseUrl: dbUrl });
    const apiKey = issueApiKey().plaintext;
    const env = {
      NODE_ENV: 'production',
      DATABASE_URL: dbUrl,
      REDIS_URL: redisUrl,
      LOG_LEVEL: 'warn',
      USE_MOCK_CONNECTORS: 'true',
      RUN_RATE_LIMIT_PER_MINUTE: '1000000',
      API_KEY_RATE_LIMIT_PER_MINUTE: '1000000',
      NEONHUB_ENCRYPTION_KEYS: `bench:${randomBytes(32).toString('base64')}`,
    };
    // The demo organization connected to the mocks, as the development seed does: an unconnected mock refuses.
    const benchConfig = loadConfig({ PATH: process.env.PATH, ...env });
    const seeded = await seedDatabase({ databaseUrl: dbUrl, apiKey, mockConnectors: { ring: loadKeyRing(benchConfig), manifests: mockConnectorManifests(benchConfig) } });
    await db.connect();
    console.log(`database ${dbName}; Redis database ${redisDb}; NODE_ENV=production, USE_MOCK_CONNECTORS=true, LOG_LEVEL=warn; ${cpus().length} cores, load average ${loadAverage()}`);

    console.log('\n(a) recording proxy overhead, in-process, one call at a time');
    for (const line of await proxyOverhead(env, apiKey, seeded.organizationId)) console.log(`  ${line}`);

    console.log(`\n(b) direct invocation throughput, production API process, 32 connections, 8 s (load spread over ${TENANTS} organizations: Slack's 50/min each)`);
    const { keys, organizationIds } = await createTenants(db, TENANTS);
    // Each load organization connected to the Slack mock, as the demo one is: an unconnected mock refuses (424).
    const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: dbUrl, max: 2 }) });
    try {
      const slack = mockConnectorManifests(benchConfig).filter((m) => m.key === 'slack');
      for (const organizationId of organizationIds) await connectMockConnectors(prisma, loadKeyRing(benchConfig), organizationId, slack);
    } finally {
      await prisma.$disconnect();
    }
    for (const line of await throughput(env, apiKey, keys, db)) console.log(`  ${line}`);
    console.log(`\nload average at the end ${loadAverage()} (other processes share these cores: compare rows of one run, not runs of different sessions)`);
  } finally {
    for (const child of children) child.kill('SIGKILL');
    await db.end().catch(() => undefined);
    await deleteOwnRedisKeys(redisDb);
    await admin.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
    await admin.end();
  }
}

/** Wall and process CPU time per call of `fn`, made `count` times one after another. */
interface Sample {
  wallUs: number;
  cpuUs: number;
}

async function timed(count: number, fn: (i: number) => Promise<unknown>): Promise<Sample> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  for (let i = 0; i < count; i++) await fn(i);
  const wallUs = ((performance.now() - started) * 1000) / count;
  const used = process.cpuUsage(cpu);
  return { wallUs, cpuUs: (used.user + used.system) / count };
}

async function proxyOverhead(env: Record<string, string>, apiKey: string, organizationId: string): Promise<string[]> {
  const { loadConfig } = built<{ loadConfig(env: NodeJS.ProcessEnv): AppConfig }>('config/app-config.js');
  const { createApp } = built<{ createApp(config: AppConfig): Promise<NestFastifyApplication> }>('bootstrap.js');
  const { RecordingToolProxy } = built<{ RecordingToolProxy: new (...args: ConstructorParameters<typeof Proxy>) => Proxy }>('modules/orchestration/recording-tool-proxy.js');
  const { ToolRegistry } = built<{ ToolRegistry: new (...args: never[]) => ProxyDeps['tools'] }>('modules/tools/tool-registry.js');
  const { StepLog } = built<{ StepLog: new (...args: never[]) => ProxyDeps['steps'] }>('modules/orchestration/persistence/step-log.js');
  const { RunMetrics } = built<{ RunMetrics: new (...args: never[]) => ProxyDeps['metrics'] }>('modules/telemetry/run-metrics.js');
  const { ConnectorsService: Connectors } = built<{ ConnectorsService: new (...args: never[]) => ConnectorsService }>('modules/connectors/connectors.service.js');

  const app = await createApp(loadConfig({ PATH: process.env.PATH, ...env, DATABASE_POOL_SIZE: '4' }));
  await app.init();
  const fastify = app.getHttpAdapter().getInstance();
  await fastify.ready();
  try {
    const deps: ProxyDeps = { tools: app.get(ToolRegistry), steps: app.get(StepLog), metrics: app.get(RunMetrics) };
    const connectors = app.get(Connectors);
    const signal = new AbortController().signal;
    const run = async (toolCalls: number) => {
      const res = await fastify.inject({ method: 'POST', url: '/v1/runs', headers: { authorization: `Bearer ${apiKey}` }, payload: { agent: 'echo', input: { message: 'bench', toolCalls } } });
      if (res.statusCode !== 201) throw new Error(`echo run answered ${res.statusCode}: ${res.body}`);
      return (res.json() as { id: string }).id;
    };
    /** A fresh proxy on a fresh run: steps 1..n, as one run's calls would be. */
    const proxy = async () => new RecordingToolProxy(deps, { runId: await run(0), organizationId, agent: 'bench', attempt: 1, allowedTools: ['*'], signal });
    const echo = deps.tools.action('diagnostics', 'echo').action;
    const echoInput = (i: number) => ({ message: 'bench', call: i });
    const context = (i: number) => ({ organizationId, runId: 'direct', agent: 'bench', step: i, idempotencyKey: `direct:${i}`, signal, reportModelUsage: () => undefined });
    const ads = { customerId: '1234567890', dateRange: 'LAST_7_DAYS' };

    // Warm-up: JIT, pool connections, prepared statements.
    for (const p of [await proxy(), await proxy()]) for (let i = 0; i < 200; i++) await p.call('diagnostics', 'echo', echoInput(i));
    for (let i = 0; i < 200; i++) await connectors.invoke(organizationId, 'google_ads', 'get_campaign_metrics', ads, { idempotencyKey: `warm:${i}`, signal });

    // Rounds interleave the variants so a neighbour's burst on this shared machine hits them alike; medians are reported.
    const samples: Record<string, Sample[]> = {};
    const sample = async (name: string, count: number, fn: (i: number) => Promise<unknown>) => (samples[name] ??= []).push(await timed(count, fn));
    for (let round = 0; round < ROUNDS; round++) {
      const perRound = CALLS / ROUNDS;
      await sample('direct', perRound, (i) => echo.execute(echoInput(i), context(i)));
      const echoProxy = await proxy();
      await sample('proxied', perRound, (i) => echoProxy.call('diagnostics', 'echo', echoInput(i)));
      const writesRun = await run(0);
      await sample('writes', perRound, async (i) => {
        const id = await deps.steps.start({ organizationId, runId: writesRun, toolName: 'diagnostics', action: 'echo', step: i + 1, attempt: 1, input: echoInput(i) });
        await deps.steps.finish(id, 'SUCCEEDED', { output: { echoed: 'bench' }, durationMs: 0 });
      });
      await sample('connectorDirect', perRound, (i) => connectors.invoke(organizationId, 'google_ads', 'get_campaign_metrics', ads, { idempotencyKey: `d:${round}:${i}`, signal }));
      const connectorProxy = await proxy();
      await sample('connectorProxied', perRound, () => connectorProxy.call('google_ads', 'get_campaign_metrics', ads));
      await sample('runs0', RUNS / ROUNDS, () => run(0));
      await sample('runs10', RUNS / ROUNDS, () => run(10));
    }
    const median = (name: string): Sample => {
      const sorted = (key: keyof Sample) => samples[name].map((x) => x[key]).sort((a, b) => a - b)[Math.floor(samples[name].length / 2)];
      return { wallUs: sorted('wallUs'), cpuUs: sorted('cpuUs') };
    };
    const [direct, proxied, writes, connectorDirect, connectorProxied, runs0, runs10] = ['direct', 'proxied', 'writes', 'connectorDirect', 'connectorProxied', 'runs0', 'runs10'].map(median);

    const us = (t: Sample) => `${fmt(t.wallUs)} µs wall, ${fmt(t.cpuUs)} µs CPU`;
    const diff = (a: Sample, b: Sample) => ({ wallUs: a.wallUs - b.wallUs, cpuUs: a.cpuUs - b.cpuUs });
    return [
      `diagnostics.echo (mock tool, no I/O), called directly: ${us(direct)} per call (medians of ${ROUNDS} rounds of ${CALLS / ROUNDS} calls)`,
      `diagnostics.echo through RecordingToolProxy: ${us(proxied)} per call`,
      `  proxy overhead per call: ${us(diff(proxied, direct))}`,
      `  of which its two DB writes alone (INSERT tool_executions RUNNING, UPDATE to SUCCEEDED): ${us(writes)}; the rest is input/output redaction and JSON copies, the allow-list check and metrics`,
      `google_ads.get_campaign_metrics (mock connector: validation, Redis rate limit, breaker, mock state in Redis, metrics), directly through ConnectorsService: ${us(connectorDirect)} per call`,
      `google_ads.get_campaign_metrics through RecordingToolProxy: ${us(connectorProxied)} per call; overhead ${us(diff(connectorProxied, connectorDirect))}`,
      `whole sync echo runs (HTTP inject, one at a time, ${ROUNDS} rounds of ${RUNS / ROUNDS}): toolCalls 0 ${fmt(runs0.wallUs / 1000, 2)} ms, toolCalls 10 ${fmt(runs10.wallUs / 1000, 2)} ms: ${fmt((runs10.wallUs - runs0.wallUs) / 10)} µs wall, ${fmt((runs10.cpuUs - runs0.cpuUs) / 10)} µs CPU per recorded tool call`,
    ];
  } finally {
    await app.close();
  }
}

interface Load {
  total: number;
  rps: number;
  p50: number;
  p99: number;
  statuses: Record<string, number>;
  errors: number;
}

/** autocannon with each request's API key taken round-robin from `keys`. */
async function load(url: string, run: { seconds: number } | { amount: number }, body: unknown, keys: string[]): Promise<Load> {
  let next = 0;
  const r = await autocannon({
    url,
    connections: 32,
    ...('seconds' in run ? { duration: run.seconds } : { amount: run.amount }),
    requests: [
      {
        method: 'POST',
        body: JSON.stringify(body),
        setupRequest: (req: { headers?: Record<string, string> }) => ({ ...req, headers: { ...req.headers, 'content-type': 'application/json', authorization: `Bearer ${keys[next++ % keys.length]}` } }),
      },
    ],
  });
  const statuses = Object.fromEntries(Object.entries(r.statusCodeStats).map(([code, s]) => [code, s.count]));
  return { total: r.requests.total, rps: r.requests.total / r.duration, p50: r.latency.p50, p99: r.latency.p99, statuses, errors: r.errors };
}

async function throughput(env: Record<string, string>, seedKey: string, keys: string[], db: Client): Promise<string[]> {
  const port = await freePort();
  const api = await start(join(DIST, 'main.js'), [], { ...env, PORT: String(port) }, port, '/health/ready');
  try {
    const invokeUrl = `${api.url}/v1/connectors/slack/actions/send_message`;
    const probe = await fetch(invokeUrl, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${seedKey}` }, body: JSON.stringify(SLACK_POST) });
    if (probe.status !== 201) throw new Error(`direct invocation answered ${probe.status}: ${await probe.text()}`);
    // Every tenant once first: its first run registers the agent for the organization (a one-off upsert).
    await load(invokeUrl, { amount: keys.length }, SLACK_POST, keys);
    const outcomes = async () =>
      Object.fromEntries((await db.query<{ status: string; n: string }>("SELECT r.status::text, count(*) AS n FROM agent_runs r JOIN agents a ON a.id = r.agent_id WHERE a.name = 'connector.invoke' GROUP BY r.status")).rows.map((r) => [r.status, Number(r.n)]));
    /** Once requests still in flight when autocannon stopped have finished. */
    const settled = async () => {
      for (let i = 0; i < 100 && ((await outcomes()).RUNNING ?? 0) > 0; i++) await delay(50);
      return outcomes();
    };
    const before = await settled();
    const cpuBefore = api.cpuMs();
    const invoked = await load(invokeUrl, { seconds: 8 }, SLACK_POST, keys);
    const cpuPerInvocation = (api.cpuMs() - cpuBefore) / invoked.total;
    const after = await settled();
    const delta = Object.fromEntries(Object.entries(after).map(([status, n]) => [status, n - (before[status] ?? 0)]));
    const stuck = await db.query<{ id: string; age: string; tools: string | null; attempt: number }>(
      "SELECT r.id, round(extract(epoch from now() - r.started_at)::numeric, 1)::text AS age, r.attempt, (SELECT string_agg(t.status::text, ',') FROM tool_executions t WHERE t.run_id = r.id) AS tools FROM agent_runs r WHERE r.status = 'RUNNING'",
    );

    const runsUrl = `${api.url}/v1/runs`;
    const echo = { agent: 'echo', input: { message: 'bench', toolCalls: 1 } };
    await load(runsUrl, { amount: keys.length }, echo, keys);
    const echoCpu = api.cpuMs();
    const echoRuns = await load(runsUrl, { seconds: 8 }, echo, keys);
    const cpuPerEcho = (api.cpuMs() - echoCpu) / echoRuns.total;
    const line = (l: Load) => `${fmt(l.rps)} runs/s, p50 ${l.p50} ms, p99 ${l.p99} ms, HTTP ${JSON.stringify(l.statuses)}, socket errors ${l.errors}`;
    return [
      `POST /v1/connectors/slack/actions/send_message (mock): ${line(invoked)}; runs recorded ${JSON.stringify(delta)}; API CPU ${fmt(cpuPerInvocation, 2)} ms/invocation`,
      ...stuck.rows.map((r) => `still RUNNING 5 s after the load: run ${r.id}, started ${r.age} s ago, attempt ${r.attempt}, tool executions ${r.tools ?? 'none'}`),
      `baseline, POST /v1/runs echo with 1 tool call (same records: a run and a tool execution): ${line(echoRuns)}; API CPU ${fmt(cpuPerEcho, 2)} ms/run`,
    ];
  } finally {
    await api.stop();
  }
}




function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}



main().catch((error: Error) => {
  console.error(`bench failed: ${error.stack ?? error.message}`);
  for (const child of children) child.kill('SIGKILL');
  process.exit(1);
});
