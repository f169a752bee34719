/**
 * Knowledge figures for the README, in a database of the bench's own on the PostgreSQL server
 * (pgvector) and an empty Redis database, with the production build loaded in-process
 * (`npm run build` first):
 *  - 100,000 chunks of synthetic clustered unit vectors (1536 dimensions, 200 clusters) over 50
 *    organizations, one holding 40 %, three tiny, the rest spread unevenly; loaded with the
 *    vector and full-text indexes dropped, then the indexes built as a bulk load would, timed;
 *  - recall@10 of HybridSearch's vector leg (the class and SQL the product runs) against exact
 *    search with the organization filter, over 200 queries near cluster centres, for the largest
 *    tenant and a small one; p50 and p95 of the whole hybrid search;
 *  - intake throughput with the offline embedder: text documents submitted to the API, taken in
 *    by a production worker process (fetch, normalise, chunk, embed, store) until READY;
 *  - what the recording proxy adds to one offline model call (`llm.generate` through
 *    RecordingToolProxy against MeteredLlm.generateText called directly).
 *   npm run bench:knowledge
 * TEST_POSTGRES_URL names the server (default local); REDIS_URL the Redis (default local);
 * BENCH_REDIS_DB picks the Redis database (default: the first empty one from 15 down).
 * BENCH_KNOWLEDGE_CHUNKS (default 100000) and BENCH_KNOWLEDGE_QUERIES (default 200) scale it down;
 * BENCH_KNOWLEDGE_KEEP=1 keeps the database for a look at its plans.
 */
import { randomBytes } from 'node:crypto';
import { cpus } from 'node:os';
import IORedis from 'ioredis';
import { Client } from 'pg';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { AppConfig } from '../../src/config/app-config';
import { applyMigrations } from '../../src/infra/database/migrations/migrator';
import { seedDatabase } from '../../src/infra/database/seed/seed';
import { issueApiKey } from '../../src/modules/api-keys/api-key-token';
import type { HybridSearch as Search } from '../../src/modules/knowledge/search/hybrid-search';
import type { SearchTuning } from '../../src/modules/knowledge/search/search-strategy';
import { children, deleteOwnRedisKeys, loadAverage, pickRedisDb, REDIS } from './bench-support';
import { createTenants, loadChunks, Synthetic, type Tenant, tenantSizes } from './knowledge-data';
import { built, intakeThroughput, recordingOverhead } from './knowledge-model-calls';
import { K, measureTenant, percentile, type TenantFigures } from './knowledge-search-figures';

const SERVER = process.env.TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const CHUNKS = Number(process.env.BENCH_KNOWLEDGE_CHUNKS ?? 100_000);
const QUERIES = Number(process.env.BENCH_KNOWLEDGE_QUERIES ?? 200);
/** Keep the database afterwards, to look at its plans by hand. */
const KEEP = process.env.BENCH_KNOWLEDGE_KEEP === '1';
const ORGANIZATIONS = 50;
/** ef_search values the largest tenant's vector leg is also measured at (the product's default aside). */
const EF_SWEEP = [40, 64, 160];
const TARGETS = { recall: 0.95, p95Ms: 15, overheadMs: 1 };

const started = performance.now();
const progress = (message: string) => console.log(`[${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s] ${message}`);

async function main(): Promise<void> {
  const redisDb = await pickRedisDb();
  const dbName = `neonhub_bench_knowledge_${process.pid}`;
  const dbUrl = Object.assign(new URL(SERVER), { pathname: `/${dbName}` }).toString();
  const admin = new Client({ connectionString: SERVER });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${dbName}"`);
  const db = new Client({ connectionString: dbUrl });
  let app: NestFastifyApplication | undefined;
  try {
    await applyMigrations({ databaseUrl: dbUrl });
    const apiKey = issueApiKey().plaintext;
    const seeded = await seedDatabase({ databaseUrl: dbUrl, apiKey });
    await db.connect();
    const server = (await db.query<{ version: string; vector: string }>("SELECT current_setting('server_version') AS version, (SELECT extversion FROM pg_extension WHERE extname = 'vector') AS vector")).rows[0];
    progress(`database ${dbName} (PostgreSQL ${server.version}, pgvector ${server.vector}); Redis database ${redisDb}; ${cpus().length} cores, load average ${loadAverage()}`);

    // Load: indexes that a bulk load would rebuild afterwards are dropped first.
    const data = new Synthetic();
    const tenants = await createTenants(db, tenantSizes(CHUNKS, ORGANIZATIONS, 0.4, data.rand));
    const space = (await db.query<{ id: string }>("INSERT INTO embedding_spaces (provider, model, dimensions) VALUES ('bench', 'synthetic-clusters', 1536) RETURNING id")).rows[0].id;
    const indexes = (await db.query<{ name: string; definition: string }>("SELECT indexname AS name, indexdef AS definition FROM pg_indexes WHERE tablename = 'chunks' AND indexname IN ('chunks_embedding_hnsw_idx', 'chunks_search_vector_gin_idx')")).rows;
    for (const index of indexes) await db.query(`DROP INDEX "${index.name}"`);
    const loadStarted = performance.now();
    let reported = 0;
    await loadChunks(db, data, tenants, space, (done) => {
      if (done - reported >= CHUNKS / 10 || done === CHUNKS) progress(`loaded ${(reported = done).toLocaleString('en')} of ${CHUNKS.toLocaleString('en')} chunks`);
    });
    const loadSeconds = (performance.now() - loadStarted) / 1000;
    await db.query("SET maintenance_work_mem = '2GB'");
    // The leader builds too: one worker more uses both cores.
    await db.query(`SET max_parallel_maintenance_workers = ${Math.max(0, cpus().length - 1)}`);
    const builds: Record<string, number> = {};
    for (const index of indexes) {
      progress(`building ${index.name}`);
      const at = performance.now();
      await db.query(index.definition);
      builds[index.name] = (performance.now() - at) / 1000;
    }
    await db.query('VACUUM ANALYZE chunks');
    const sharedBuffers = (await db.query<{ value: string }>("SELECT current_setting('shared_buffers') AS value")).rows[0].value;
    progress(
      `indexes built: HNSW ${builds.chunks_embedding_hnsw_idx.toFixed(1)} s, GIN ${builds.chunks_search_vector_gin_idx.toFixed(1)} s; ` +
        `table ${(await size(db, 'chunks')).toFixed(0)} MB, HNSW index ${(await size(db, 'chunks_embedding_hnsw_idx')).toFixed(0)} MB, shared_buffers ${sharedBuffers}`,
    );

    // The product's classes, from the build, on this database.
    // No budget stops the model calls of the intake and overhead measures.
    await db.query('UPDATE organizations SET monthly_token_budget = NULL');
    const { loadConfig } = built<{ loadConfig(env: NodeJS.ProcessEnv): AppConfig }>('config/app-config.js');
    const { createApp } = built<{ createApp(config: AppConfig): Promise<NestFastifyApplication> }>('bootstrap.js');
    const { HybridSearch, candidatesFor } = built<{ HybridSearch: new (sql: unknown, tuning?: Partial<SearchTuning>) => Search; candidatesFor(k: number): number }>('modules/knowledge/search/hybrid-search.js');
    const redisUrl = Object.assign(new URL(REDIS), { pathname: `/${redisDb}` }).toString();
    const env = { NODE_ENV: 'production', DATABASE_URL: dbUrl, REDIS_URL: redisUrl, LOG_LEVEL: 'warn', DATABASE_POOL_SIZE: '4', API_KEY_RATE_LIMIT_PER_MINUTE: '1000000', NEONHUB_ENCRYPTION_KEYS: `bench:${randomBytes(32).toString('base64')}` };
    app = await createApp(loadConfig({ PATH: process.env.PATH, ...env }));
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
    const search = app.get(HybridSearch);

    const large = tenants[0];
    const small = tenantOfMedianSize(tenants.slice(4));
    const tiny = tenants[1];
    const measured: Record<string, TenantFigures> = {};
    // The largest tenant's vector leg again at other ef_search values: what the default trades.
    const sql = app.get(built<{ Sql: new (...args: never[]) => unknown }>('infra/database/sql.js').Sql);
    const variants: Array<[number, Search]> = EF_SWEEP.map((efSearch) => [efSearch, new HybridSearch(sql, { efSearch })]);
    for (const [label, tenant] of [['largest', large], ['small', small], ['tiny', tiny]] as const) {
      measured[label] = await measureTenant(db, search, candidatesFor(K), data, tenant, space, QUERIES, label === 'largest' ? variants : []);
      const m = measured[label];
      progress(`${label} tenant (${tenant.rows.toLocaleString('en')} rows, ${m.strategy}): recall@10 ${m.recall.toFixed(3)}; vector leg p50 ${m.legP50.toFixed(1)} ms, p95 ${m.legP95.toFixed(1)} ms; hybrid search p50 ${m.p50.toFixed(1)} ms, p95 ${m.p95.toFixed(1)} ms`);
      progress(`  vector leg plan: ${m.plan}`);
      for (const point of m.sweep) progress(`  at ef_search ${point.efSearch}: recall@10 ${point.recall.toFixed(3)}, vector leg p50 ${point.p50.toFixed(1)} ms, p95 ${point.p95.toFixed(1)} ms`);
    }
    const everyQuery = Object.values(measured).flatMap((m) => m.latencies).sort((a, b) => a - b);
    const allP95 = percentile(everyQuery, 95);

    const intake = await intakeThroughput(app, db, data, apiKey, env, progress);
    const overhead = await recordingOverhead(app, apiKey, seeded.organizationId, progress);

    const ok = (pass: boolean) => (pass ? 'met' : 'MISSED');
    const rows: string[][] = [
      ['chunks loaded (binary vector[] INSERTs, indexes dropped)', `${CHUNKS.toLocaleString('en')} in ${loadSeconds.toFixed(1)} s`, '-', '-'],
      ['HNSW index build (m 16, ef_construction 64, maintenance_work_mem 2GB, 1 worker + leader)', `${builds.chunks_embedding_hnsw_idx.toFixed(1)} s`, '-', '-'],
      ...Object.entries(measured).map(([label, m]) => [
        `${label} tenant, ${m.rows.toLocaleString('en')} rows (${m.strategy}): recall@10 of the vector leg vs exact, ${m.queries} queries`,
        m.recall.toFixed(3),
        `>= ${TARGETS.recall}`,
        ok(m.recall >= TARGETS.recall),
      ]),
      ...Object.entries(measured).map(([label, m]) => [
        `${label} tenant: hybrid search k=${K}, p50 / p95 (vector leg alone)`,
        `${m.p50.toFixed(1)} / ${m.p95.toFixed(1)} ms (${m.legP50.toFixed(1)} / ${m.legP95.toFixed(1)} ms)`,
        `p95 <= ${TARGETS.p95Ms} ms`,
        ok(m.p95 <= TARGETS.p95Ms),
      ]),
      [`intake, offline embedder (${intake.how})`, `${intake.documentsPerMinute.toFixed(0)} documents/min (${intake.documents} documents, ${intake.chunks} chunks)`, '-', '-'],
      [`recording overhead of one offline model call (${overhead.how})`, `${overhead.overheadMs.toFixed(3)} ms wall, ${overhead.overheadCpuMs.toFixed(3)} ms CPU`, `<= ${TARGETS.overheadMs} ms`, ok(overhead.overheadMs <= TARGETS.overheadMs)],
      ["of which the step log's two writes (INSERT the step, UPDATE it and the run's totals)", `${overhead.writesMs.toFixed(3)} ms wall`, '-', '-'],
    ];
    console.log(`\n${cpus().length} cores; load average at the end ${loadAverage()} (other processes share these cores); whole bench ${((performance.now() - started) / 1000).toFixed(0)} s`);
    console.log('\n| measurement | figure | target | |\n| --- | --- | --- | --- |');
    for (const row of rows) console.log(`| ${row.join(' | ')} |`);
    console.log(
      JSON.stringify({
        bench: 'knowledge',
        postgres: server.version,
        pgvector: server.vector,
        chunks: CHUNKS,
        loadSeconds: round(loadSeconds),
        hnswBuildSeconds: round(builds.chunks_embedding_hnsw_idx),
        ginBuildSeconds: round(builds.chunks_search_vector_gin_idx),
        tenants: Object.fromEntries(Object.entries(measured).map(([label, m]) => [label, { rows: m.rows, strategy: m.strategy, recallAt10: round(m.recall, 4), p50Ms: round(m.p50), p95Ms: round(m.p95), vectorLegP95Ms: round(m.legP95), efSweep: m.sweep.map((p) => ({ efSearch: p.efSearch, recallAt10: round(p.recall, 4), p95Ms: round(p.p95) })) }])),
        p95AllMs: round(allP95),
        intakeDocumentsPerMinute: round(intake.documentsPerMinute, 0),
        recordingOverheadMs: round(overhead.overheadMs, 3),
        recordingOverheadCpuMs: round(overhead.overheadCpuMs, 3),
        stepLogWritesMs: round(overhead.writesMs, 3),
      }),
    );
  } finally {
    for (const child of children) child.kill('SIGKILL');
    await app?.close().catch(() => undefined);
    await db.end().catch(() => undefined);
    await deleteOwnRedisKeys(redisDb);
    await deleteIntakeQueueKeys(redisDb);
    if (KEEP) console.log(`kept database ${dbName} (BENCH_KNOWLEDGE_KEEP): drop it with DROP DATABASE "${dbName}"`);
    else await admin.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
    await admin.end();
  }
}

function tenantOfMedianSize(tenants: Tenant[]): Tenant {
  return [...tenants].sort((a, b) => a.rows - b.rows)[Math.floor(tenants.length / 2)];
}

async function size(db: Client, relation: string): Promise<number> {
  return Number((await db.query(`SELECT pg_total_relation_size('"${relation}"') AS bytes`)).rows[0].bytes) / 2 ** 20;
}

const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

/** The intake queues' keys the bench's worker left in its Redis database (bench-support knows only the run queue's). */
async function deleteIntakeQueueKeys(index: number): Promise<void> {
  const redis = new IORedis(REDIS, { db: index, maxRetriesPerRequest: 1 });
  try {
    const keys = await redis.keys('neonhub:{intake.*'); // each intake queue's prefix, redis-keys.ts queuePrefix
    if (keys.length) await redis.unlink(...keys);
  } finally {
    redis.disconnect();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
