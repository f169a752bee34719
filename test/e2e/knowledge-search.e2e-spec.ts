import { Sql } from '../../src/infra/database/sql';
import { HybridSearch } from '../../src/modules/knowledge/search/hybrid-search';
import { CHUNK_SEARCH_SQL, SEARCH_SETTINGS_SQL } from '../../src/modules/knowledge/search/search-sql';
import type { ChunkSearchParams } from '../../src/modules/knowledge/search/search.types';
import { LlmService } from '../../src/modules/llm/llm.service';
import { EmbeddingSpaces } from '../../src/modules/llm/vectors/embedding-spaces';
import { toVectorLiteral } from '../../src/modules/llm/vectors/stored-vector';
import { useE2eApp } from '../support/e2e-context';

const PASSAGES = [
  'Refunds for annual plans are processed within 14 days of the cancellation request.',
  'Our spring sale gives every newsletter subscriber 20 percent off running shoes.',
  'The brand voice is warm, direct and never uses exclamation marks.',
  'Shipping to Canada takes five to seven business days with tracked delivery.',
  'Enterprise customers get a dedicated account manager and a quarterly review.',
  'Gift cards never expire and can be used online or in any store.',
];

interface Library {
  organizationId: string;
  datasetId: string;
  documentId: string;
}

/**
 * Hybrid search on the real Postgres with pgvector, through the class the product uses, on chunks
 * embedded by the configured (offline) model in two organizations holding the same passages.
 */
describe(HybridSearch.name, () => {
  const sut = useE2eApp();
  let search: HybridSearch;
  let spaceId: string;
  let ours: Library;
  let theirs: Library;

  const embed = async (texts: string[]) => (await sut.app.get(LlmService).embed(texts)).embeddings;

  async function library(organizationId: string): Promise<Library> {
    const dataset = await sut.sql.query("INSERT INTO datasets (organization_id, name, updated_at) VALUES ($1, 'help centre', now()) RETURNING id", [organizationId]);
    const document = await sut.sql.query(
      "INSERT INTO documents (organization_id, dataset_id, source, status, version, updated_at) VALUES ($1, $2, 'TEXT', 'READY', 1, now()) RETURNING id",
      [organizationId, dataset.rows[0].id],
    );
    return { organizationId, datasetId: dataset.rows[0].id, documentId: document.rows[0].id };
  }

  /** Inserts chunks as intake writes them; `vectors` null leaves a chunk not yet embedded. */
  async function addChunks(to: Library, texts: string[], options: { space?: string | null; vectors?: number[][] | null; from?: number } = {}): Promise<string[]> {
    const vectors = options.vectors === undefined ? await embed(texts) : options.vectors;
    const ids: string[] = [];
    for (const [i, text] of texts.entries()) {
      const { rows } = await sut.sql.query(
        `INSERT INTO chunks (organization_id, dataset_id, document_id, document_version, position, text, token_count, embedding, embedding_space_id, search_vector)
         VALUES ($1, $2, $3, 1, $4, $5, 10, $6::vector, $7, to_tsvector('english', $5)) RETURNING id`,
        [to.organizationId, to.datasetId, to.documentId, (options.from ?? 0) + i, text, vectors ? toVectorLiteral(vectors[i]) : null, vectors ? (options.space === undefined ? spaceId : options.space) : null],
      );
      ids.push(rows[0].id);
    }
    return ids;
  }

  const query = async (text: string, overrides: Partial<ChunkSearchParams> = {}): Promise<ChunkSearchParams> => ({
    table: 'chunks',
    organizationId: ours.organizationId,
    embeddingSpaceId: spaceId,
    queryVector: (await embed([text]))[0],
    queryText: text,
    k: 5,
    ...overrides,
  });

  beforeAll(async () => {
    search = sut.app.get(HybridSearch);
    spaceId = (await sut.app.get(EmbeddingSpaces).currentSpace()).id;
    ours = await library(sut.organizationId);
    theirs = await library((await sut.tenant('library')).organizationId);
    await addChunks(ours, PASSAGES);
    await addChunks(theirs, PASSAGES);
  });

  it('should rank the passage that answers the question first, found by both legs', async () => {
    const hits = await search.search(await query('refunds for annual plans, in days'));

    expect(hits[0]).toMatchObject({ text: PASSAGES[0], datasetId: ours.datasetId, documentId: ours.documentId, position: 0, vectorRank: 1, textRank: 1 });
    expect(hits[0].score).toBeCloseTo(2 / 61);
    expect(hits.length).toBeLessThanOrEqual(5);
  });

  it("should never answer another organization's chunks, though they hold the same passages", async () => {
    const hits = await search.search(await query('spring sale running shoes', { k: 50 }));

    const { rows } = await sut.sql.query('SELECT DISTINCT organization_id FROM chunks WHERE id = ANY($1::uuid[])', [hits.map((h) => h.id)]);
    expect(hits.length).toBeGreaterThanOrEqual(PASSAGES.length);
    expect(rows).toEqual([{ organization_id: ours.organizationId }]);
  });

  it('should find a passage only full text matches (not embedded yet, words stemmed alike)', async () => {
    const [pending] = await addChunks(ours, ['Loyalty points are credited when an order ships.'], { vectors: null, from: 100 });

    const hits = await search.search(await query('crediting loyalty point'));

    expect(hits.find((h) => h.id === pending)).toMatchObject({ vectorRank: null, textRank: 1 });
  });

  it('should ignore vectors of another embedding space, even one identical to the query', async () => {
    const other = await sut.sql.query("INSERT INTO embedding_spaces (provider, model, dimensions) VALUES ('other', 'older-model', 1536) RETURNING id");
    const question = 'which colour are the delivery vans';
    const [foreign] = await addChunks(ours, ['Vans ship parcels.'], { space: other.rows[0].id, vectors: await embed([question]), from: 200 });

    const neighbours = await search.nearest(await query(question), 40);
    const hits = await search.search(await query(question, { queryText: 'colour' }));

    expect(neighbours.map((n) => n.id)).not.toContain(foreign);
    expect(hits.map((h) => h.id)).not.toContain(foreign);
  });

  it('should narrow to the datasets and documents asked for', async () => {
    const hits = await search.search(await query('refunds for annual plans', { datasetIds: [theirs.datasetId] }));
    const none = await search.search(await query('refunds for annual plans', { documentIds: [theirs.documentId] }));

    expect(hits).toEqual([]);
    expect(none).toEqual([]);
  });

  it('should answer the same nearest chunks through HNSW (forced by zero thresholds) as the exact scan', async () => {
    const hnsw = new HybridSearch(sut.app.get(Sql), { exactMaxRows: 0, minHnswFraction: 0 });
    for (const question of ['refund for an annual plan', 'gift card expiry', 'shipping time to Canada', 'brand voice rules']) {
      const params = await query(question);

      await expect(hnsw.strategyFor(params)).resolves.toBe('hnsw');
      await expect(search.strategyFor(params)).resolves.toBe('exact');
      const [viaIndex, exact] = [await hnsw.nearest(params, 5), await search.nearest(params, 5)];
      expect(viaIndex[0].id).toBe(exact[0].id);
      expect((await hnsw.search(params))[0].id).toBe((await search.search(params))[0].id);
    }
  });

  it('should plan the HNSW leg as an index scan of the HNSW index once its settings are applied', async () => {
    const params = await query('gift card expiry');
    await sut.sql.query('BEGIN');
    try {
      await sut.sql.query(SEARCH_SETTINGS_SQL.hnswSettings, ['100', '20000']);
      const { rows } = await sut.sql.query(`EXPLAIN (FORMAT JSON) ${CHUNK_SEARCH_SQL.hnswNearest}`, [params.organizationId, null, null, spaceId, toVectorLiteral(params.queryVector), 5]);

      expect(JSON.stringify(rows[0]['QUERY PLAN'])).toContain('"Index Name":"chunks_embedding_hnsw_idx"');
    } finally {
      await sut.sql.query('ROLLBACK');
    }
  });

  it('should keep searched vectors inline and full-text indexes updated in place (the storage the figures were measured on)', async () => {
    const storage = await sut.sql.query(
      "SELECT attrelid::regclass::text AS table, attstorage FROM pg_attribute WHERE attname = 'embedding' AND attrelid IN ('chunks'::regclass, 'agent_memories'::regclass) ORDER BY 1",
    );
    const indexes = await sut.sql.query(
      "SELECT relname, reloptions FROM pg_class WHERE relname IN ('chunks_search_vector_gin_idx', 'agent_memories_search_vector_gin_idx') ORDER BY 1",
    );

    expect(storage.rows).toEqual([
      { table: 'agent_memories', attstorage: 'm' },
      { table: 'chunks', attstorage: 'm' },
    ]);
    expect(indexes.rows).toEqual([
      { relname: 'agent_memories_search_vector_gin_idx', reloptions: ['fastupdate=off'] },
      { relname: 'chunks_search_vector_gin_idx', reloptions: ['fastupdate=off'] },
    ]);
  });
});
