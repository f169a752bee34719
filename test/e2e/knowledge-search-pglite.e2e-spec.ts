import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Test, type TestingModule } from '@nestjs/testing';
import { Client } from 'pg';
import { projectRoot } from '../../src/common/project-root';
import { loadConfig } from '../../src/config/app-config';
import { ConfigModule } from '../../src/config/config.module';
import { RequestContextModule } from '../../src/infra/cls/cls.module';
import { applyMigrations } from '../../src/infra/database/migrations/migrator';
import { Sql } from '../../src/infra/database/sql';
import { HybridSearch } from '../../src/modules/knowledge/search/hybrid-search';
import { KnowledgeSearchModule } from '../../src/modules/knowledge/search/knowledge-search.module';
import type { ChunkSearchParams } from '../../src/modules/knowledge/search/search.types';
import { featureHashEmbedding } from '../../src/modules/llm/offline/feature-hash';
import { toVectorLiteral } from '../../src/modules/llm/vectors/stored-vector';

/*
 * PGlite runs in a child process, as in migrations-pglite.e2e-spec.ts: its CommonJS build uses
 * dynamic import(), which Jest's module sandbox rejects. It sends its URL once it listens.
 */
const CHILD = `
const { EmbeddedPostgres } = require(process.env.EMBEDDED_PG_MODULE);
EmbeddedPostgres.start({ dataDir: process.env.EMBEDDED_PG_DATA_DIR }).then((db) => {
  const stop = () => db.stop().finally(() => process.exit(0));
  process.on('disconnect', stop);
  process.on('message', stop);
  process.send(db.url);
}, (err) => { console.error(err); process.exit(1); });
`;

function startPglite(dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  const root = projectRoot();
  const child = spawn(process.execPath, ['--import', 'tsx', '-e', CHILD], {
    cwd: root,
    env: { ...process.env, EMBEDDED_PG_MODULE: join(root, 'src/infra/database/embedded/embedded-postgres.ts'), EMBEDDED_PG_DATA_DIR: dataDir },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`PGlite process exited with ${code}`)));
    child.once('message', (url) => resolve({ child, url: String(url) }));
  });
}

const PASSAGES = ['Refunds for annual plans are processed within 14 days.', 'Gift cards never expire.', 'Shipping to Canada takes a week.'];
const DIMENSIONS = 1536;

/** The embedded default database (PGlite, pgvector in WASM, one session) runs the same search. */
describe(`${HybridSearch.name} on the embedded PGlite`, () => {
  let dataDir: string;
  let pglite: { child: ChildProcess; url: string } | undefined;
  let moduleRef: TestingModule | undefined;
  const ids = { ours: '', theirs: '', space: '' };

  async function seed(client: Client, slug: string): Promise<string> {
    const org = await client.query('INSERT INTO organizations (slug, name, updated_at) VALUES ($1, $2, now()) RETURNING id', [slug, `Organization ${slug}`]);
    const dataset = await client.query("INSERT INTO datasets (organization_id, name, updated_at) VALUES ($1, 'kb', now()) RETURNING id", [org.rows[0].id]);
    const document = await client.query("INSERT INTO documents (organization_id, dataset_id, source, updated_at) VALUES ($1, $2, 'TEXT', now()) RETURNING id", [org.rows[0].id, dataset.rows[0].id]);
    for (const [position, text] of PASSAGES.entries()) {
      await client.query(
        `INSERT INTO chunks (organization_id, dataset_id, document_id, document_version, position, text, token_count, embedding, embedding_space_id, search_vector)
         VALUES ($1, $2, $3, 1, $4, $5, 8, $6::vector, $7, to_tsvector('english', $5))`,
        [org.rows[0].id, dataset.rows[0].id, document.rows[0].id, position, text, toVectorLiteral(featureHashEmbedding(text, DIMENSIONS)), ids.space],
      );
    }
    return org.rows[0].id;
  }

  const params = (question: string): ChunkSearchParams => ({
    table: 'chunks',
    organizationId: ids.ours,
    embeddingSpaceId: ids.space,
    queryVector: featureHashEmbedding(question, DIMENSIONS),
    queryText: question,
    k: 3,
  });

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'neonhub-pglite-search-'));
    pglite = await startPglite(dataDir);
    await applyMigrations({ databaseUrl: pglite.url });
    const client = new Client({ connectionString: pglite.url });
    await client.connect();
    try {
      ids.space = (await client.query("INSERT INTO embedding_spaces (provider, model, dimensions) VALUES ('offline', 'offline-feature-hash', 1536) RETURNING id")).rows[0].id;
      ids.ours = await seed(client, 'ours');
      ids.theirs = await seed(client, 'theirs');
    } finally {
      await client.end();
    }
    // The app's pool on the embedded database: one connection.
    const config = loadConfig({ ...process.env, DATABASE_URL: pglite.url, DATABASE_POOL_SIZE: '1' });
    moduleRef = await Test.createTestingModule({ imports: [ConfigModule.forRoot(config), RequestContextModule, KnowledgeSearchModule] }).compile();
    await moduleRef.init();
  }, 120_000);

  afterAll(async () => {
    await moduleRef?.close();
    if (pglite) {
      pglite.child.removeAllListeners('exit');
      const exited = new Promise((done) => pglite!.child.once('exit', done));
      pglite.child.send('stop');
      await exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  }, 30_000);

  it('should rank the answering passage first, from the caller organization only, exactly and through HNSW', async () => {
    const exact = moduleRef!.get(HybridSearch);
    // pgvector 0.8.7 in PGlite has iterative scans: zero thresholds force the HNSW leg.
    const hnsw = new HybridSearch(moduleRef!.get(Sql), { exactMaxRows: 0, minHnswFraction: 0 });
    const question = params('refunds for annual plans');

    const [viaScan, viaIndex] = [await exact.search(question), await hnsw.search(question)];

    await expect(hnsw.strategyFor(question)).resolves.toBe('hnsw');
    expect(viaScan[0]).toMatchObject({ text: PASSAGES[0], vectorRank: 1, textRank: 1 });
    expect(viaIndex.map((h) => h.id)).toEqual(viaScan.map((h) => h.id));
    const sql = moduleRef!.get(Sql);
    const owners = await sql.rows<{ organizationId: string }>('SELECT DISTINCT organization_id AS "organizationId" FROM chunks WHERE id = ANY($1::uuid[])', [viaScan.map((h) => h.id)]);
    expect(owners).toEqual([{ organizationId: ids.ours }]);
  });
});
