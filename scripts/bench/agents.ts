/**
 * Marketing agents, against the production build (`npx nest build` first), the PostgreSQL server
 * and Redis, on a fresh database seeded with the demo organization, mock connectors and the
 * offline model (the default provider):
 *  1. each standalone agent (GET /v1/agents, minus internal ones and ones without a sample input
 *     in lib/agent-samples.ts) run BENCH_AGENT_RUNS times (default 5) as sync runs, one at a time,
 *     through an API whose database connection passes through a round-trip counter, and a worker
 *     (for the stage runs a run starts) through another; agents that ask approval have it turned
 *     off (`never`) in the demo organization's agent configuration, so the sync run completes;
 *  2. one campaign (content, then email and social; 3 recipients, x + linkedin) for each of
 *     BENCH_CAMPAIGN_ORGS organizations (default 10) launched at once, two workers consuming, a
 *     reviewer approving every approval: time to ACTIVE, runs by agent, approvals, and the check
 *     that no write in the mock outbox happened before its approval (exit 1 on any violation).
 *   npm run bench:agents
 * TEST_POSTGRES_URL names the server (default local), REDIS_URL the Redis (default local; the bench
 * picks an empty database, BENCH_REDIS_DB to choose).
 */
import { randomBytes } from 'node:crypto';
import { cpus } from 'node:os';
import { PrismaPg } from '@prisma/adapter-pg';
import { Client } from 'pg';
import { loadConfig } from '../../src/config/app-config';
import { PrismaClient } from '../../src/generated/prisma/client';
import { applyMigrations } from '../../src/infra/database/migrations/migrator';
import { seedDatabase } from '../../src/infra/database/seed/seed';
import { issueApiKey } from '../../src/modules/api-keys/api-key-token';
import { connectMockConnectors, mockConnectorManifests } from '../../src/modules/connectors/vault/mock-connections';
import { loadKeyRing } from '../../src/modules/connectors/vault/vault';
import { children, deleteOwnRedisKeys, loadAverage, pickRedisDb, REDIS, start, type Service } from './bench-support';
import { EXPECTED_AGENTS } from './lib/agent-samples';
import { benchCampaignLaunch, type CampaignPlan } from './lib/agents-campaign';
import { expectCall, type Api } from './lib/agents-http';
import { benchStandaloneAgents, type AgentListing } from './lib/agents-standalone';
import { startPgCounter } from './lib/pg-counter';
import { createTenants } from './lib/tenants';

const SERVER = process.env.TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const RUNS = Number(process.env.BENCH_AGENT_RUNS ?? 5);
const ORGS = Number(process.env.BENCH_CAMPAIGN_ORGS ?? 10);
const WANTED_CHANNELS: Record<string, string> = { email: 'email', social: 'social' };

const started = performance.now();
const progress = (message: string) => console.log(`[${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s] ${message}`);

async function main(): Promise<void> {
  const redisDb = await pickRedisDb();
  const redisUrl = Object.assign(new URL(REDIS), { pathname: `/${redisDb}` }).toString();
  const dbName = `neonhub_bench_agents_${process.pid}`;
  const admin = new Client({ connectionString: SERVER });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${dbName}"`);
  const dbUrl = Object.assign(new URL(SERVER), { pathname: `/${dbName}` }).toString();
  const db = new Client({ connectionString: dbUrl });
  const stops: Array<() => Promise<unknown>> = [];
  let failed = false;
  try {
    await applyMigrations({ databaseUrl: dbUrl });
    const apiKey = issueApiKey().plaintext;
    const env = {
      DATABASE_URL: dbUrl,
      REDIS_URL: redisUrl,
      LOG_LEVEL: 'warn',
      USE_MOCK_CONNECTORS: 'true',
      RUN_RATE_LIMIT_PER_MINUTE: '1000000',
      API_KEY_RATE_LIMIT_PER_MINUTE: '1000000',
      NEONHUB_ENCRYPTION_KEYS: `bench:${randomBytes(32).toString('base64')}`,
    };
    const config = loadConfig({ PATH: process.env.PATH, ...env });
    const mocks = { ring: loadKeyRing(config), manifests: mockConnectorManifests(config) };
    await seedDatabase({ databaseUrl: dbUrl, apiKey, mockConnectors: mocks, log: () => undefined });
    await db.connect();
    const loadBefore = loadAverage();
    progress(`database ${dbName}, Redis database ${redisDb}; USE_MOCK_CONNECTORS=true, offline model (LLM_PROVIDER default), LOG_LEVEL=warn; ${cpus().length} cores, load average ${loadBefore}`);

    // Part 1: one API and one worker, each through its own round-trip counter.
    const apiPg = await startPgCounter(new URL(dbUrl));
    const workerPg = await startPgCounter(new URL(dbUrl));
    stops.push(apiPg.close, workerPg.close);
    const api1 = await start('dist/src/main.js', [], { ...env, DATABASE_URL: apiPg.url, PORT: '3941' }, 3941, '/health/ready');
    stops.push(api1.stop);
    const worker1 = await start('dist/src/worker.js', [], { ...env, DATABASE_URL: workerPg.url, WORKER_PORT: '3942' }, 3942, '/health/ready');
    stops.push(worker1.stop);
    const demo: Api = { url: api1.url, auth: { authorization: `Bearer ${apiKey}` } };
    const agents = await expectCall<AgentListing[]>(demo, 'GET', '/v1/agents', undefined, 200);
    const offered = new Set(agents.map((a) => a.name));
    const absent = EXPECTED_AGENTS.filter((name) => !offered.has(name));
    progress(`agents offered: ${agents.map((a) => `${a.name}${a.internal ? ' (internal)' : ''}`).join(', ')}`);
    progress(`agents absent from GET /v1/agents (skipped): ${absent.join(', ') || 'none'}`);
    const brands = await expectCall<{ items: Array<{ id: string; name: string }> }>(demo, 'GET', '/v1/brands', undefined, 200);
    const datasets = await expectCall<Array<{ id: string; name: string }>>(demo, 'GET', '/v1/datasets', undefined, 200);
    const brand = brands.items.find((b) => b.name === 'Northwind Coffee');
    if (!brand || !datasets[0]) throw new Error('the seed did not make the Northwind Coffee brand and its dataset');
    const context = { brandId: brand.id, datasetId: datasets[0].id };

    progress(`part 1: each standalone agent, ${RUNS} sync runs one at a time (after one untimed run)`);
    const part1 = await benchStandaloneAgents(demo, db, { api: apiPg, worker: workerPg }, agents, context, RUNS, (line) => progress(`  ${line}`));
    for (const stop of stops.splice(0).reverse()) await stop();

    // Part 2: a plain API and two workers; the channels the deployment offers agents for.
    const channels = Object.keys(WANTED_CHANNELS).filter((c) => offered.has(WANTED_CHANNELS[c]));
    const missing = Object.keys(WANTED_CHANNELS).filter((c) => !channels.includes(c));
    // With neither email nor social offered, SMS (whose agent asks approval and sends) keeps the approval check meaningful.
    if (!channels.length && offered.has('sms')) channels.push('sms');
    const plan: CampaignPlan = { channels, emails: ['ana@example.com', 'ben@example.com', 'chloe@example.com'], phones: ['+14155550101', '+14155550102', '+14155550103'], networks: ['x', 'linkedin'] };
    if (missing.length) progress(`part 2: no agent for ${missing.join(' and ')} here: the campaigns run on ${channels.join(' + ') || 'no channel'}`);
    const tenants = await createTenants(db, ORGS, 'bench-campaign');
    const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: dbUrl, max: 2 }) });
    try {
      // Every tenant connected to the mocks, as the seed connects the demo organization: an unconnected mock refuses.
      for (const organizationId of tenants.organizationIds) await connectMockConnectors(prisma, mocks.ring, organizationId, mocks.manifests);
    } finally {
      await prisma.$disconnect();
    }
    const api2 = await start('dist/src/main.js', [], { ...env, PORT: '3943' }, 3943, '/health/ready');
    stops.push(api2.stop);
    const workers: Service[] = [];
    for (const port of [3944, 3945]) {
      const worker = await start('dist/src/worker.js', [], { ...env, WORKER_PORT: String(port) }, port, '/health/ready');
      stops.push(worker.stop);
      workers.push(worker);
    }
    progress(`part 2: ${ORGS} organizations, one campaign each (${channels.join(' + ')}), launched at once; 2 workers (default WORKER_CONCURRENCY and ORGANIZATION_MAX_CONCURRENT_RUNS)`);
    const part2 = await benchCampaignLaunch(api2.url, db, tenants, plan, (line) => progress(`  ${line}`));
    for (const v of part2.violations.slice(0, 20)) progress(`  VIOLATION ${v}`);
    failed = part2.violations.length > 0;

    const loadAfter = loadAverage();
    console.log(`\nconfiguration the bench set for the demo organization (approval of writes turned off, settings): ${part1.approvalsOff.join('; ') || 'none'}`);
    console.log(`skipped: ${[...absent.map((a) => `${a} (absent from GET /v1/agents)`), ...part1.skipped].join('; ') || 'none'}`);
    console.log(`load average before ${loadBefore}, after ${loadAfter} (${cpus().length} cores shared with other processes: compare rows of one run)`);
    console.log(`\n| agent | sync runs | median wall | DB round trips per run (API) | model calls per run | tool steps per run | stage runs per run (worker round trips) | answers |\n| --- | --- | --- | --- | --- | --- | --- | --- |`);
    for (const r of part1.rows) {
      console.log(`| ${r.agent} | ${r.runs} | ${r.medianMs.toFixed(0)} ms | ${r.apiTrips.toFixed(1)} | ${r.modelCalls.toFixed(1)} | ${r.toolSteps.toFixed(1)} | ${r.children.toFixed(1)} (${r.workerTrips.toFixed(1)}) | ${r.statuses} |`);
    }
    const byAgent = Object.entries(part2.runsByAgent).map(([a, n]) => `${a} ${n}`).join(', ');
    const totalRuns = Object.values(part2.runsByAgent).reduce((a, b) => a + b, 0);
    console.log(`\n| campaign launch, ${ORGS} organizations at once, 2 workers | value |\n| --- | --- |`);
    console.log(`| channels | ${channels.join(' + ')}${missing.length ? ` (${missing.join(', ')} absent on this build)` : ''} |`);
    console.log(`| launch to every campaign out of LAUNCHING (ACTIVE expected) | ${(part2.launchToActiveMs / 1000).toFixed(1)} s (${JSON.stringify(part2.statuses)}) |`);
    console.log(`| launch to every run final (stage runs included) | ${(part2.launchToAllRunsFinalMs / 1000).toFixed(1)} s |`);
    console.log(`| runs created | ${totalRuns}: ${byAgent} (statuses ${JSON.stringify(part2.runStatuses)}) |`);
    console.log(`| approvals decided (approved) | ${part2.approvalsDecided}; requested to decided p50 ${part2.approvalWaitMs.p50.toFixed(0)} ms, max ${part2.approvalWaitMs.max.toFixed(0)} ms |`);
    console.log(`| runs that did not complete | ${part2.failures.join('; ') || 'none'} |`);
    console.log(`| mock outbox writes checked | ${part2.outboxEntries} |`);
    console.log(`| writes without an approval decided before them | ${part2.violations.length} |`);
  } finally {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
    for (const child of children) child.kill('SIGKILL');
    await db.end().catch(() => undefined);
    await deleteOwnRedisKeys(redisDb);
    await admin.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
    await admin.end();
  }
  if (failed) {
    console.error('bench failed: writes without their approval (see VIOLATION lines)');
    process.exit(1);
  }
}

main().catch((error: Error) => {
  console.error(`bench failed: ${error.message}`);
  for (const child of children) child.kill('SIGKILL');
  process.exit(1);
});
