import { Logger } from '@nestjs/common';
import type { Sql } from '../../../infra/database/sql';
import { strictDouble } from '../../../../test/support/strict-double';
import { HybridSearch } from './hybrid-search';
import { CHUNK_SEARCH_SQL, MEMORY_SEARCH_SQL, SEARCH_SETTINGS_SQL } from './search-sql';
import type { ChunkSearchParams, MemorySearchParams } from './search.types';

const chunkParams = (overrides: Partial<ChunkSearchParams> = {}): ChunkSearchParams => ({
  table: 'chunks',
  organizationId: 'org-1',
  embeddingSpaceId: 'space-1',
  queryVector: [1, 0, 0],
  queryText: 'spring sale',
  k: 2,
  ...overrides,
});

const chunkRow = (id: string) => ({ id, text: `text of ${id}`, documentId: 'doc-1', datasetId: 'ds-1', documentVersion: 1, position: 0 });

/**
 * A database behind the Sql double, answering each statement from `answers` (by its text) and
 * recording what was asked, with whether a short transaction was open around it.
 */
function database(answers: Map<string, unknown[]>, extversion = '0.8.0') {
  const asked: Array<{ text: string; values: unknown[]; inTransaction: boolean }> = [];
  const transactions: string[] = [];
  let open = false;
  const answer = async (text: string, values: unknown[]) => {
    asked.push({ text, values, inTransaction: open });
    if (text === SEARCH_SETTINGS_SQL.vectorVersion) return [{ extversion }];
    if (!answers.has(text)) throw new Error(`unexpected statement: ${text.slice(0, 80)}`);
    return answers.get(text);
  };
  const sql = strictDouble<Sql>('Sql', {
    rowsPlannedEachTime: jest.fn((text: string, values: unknown[]) => answer(text, values)) as unknown as Sql['rowsPlannedEachTime'],
    inShortTransaction: jest.fn(async (work: (rows: (text: string, values: unknown[]) => Promise<unknown>) => Promise<unknown>) => {
      transactions.push('short');
      open = true;
      try {
        return await work(answer);
      } finally {
        open = false;
      }
    }) as unknown as Sql['inShortTransaction'],
  });
  return { sql, asked, transactions, texts: () => asked.map((a) => a.text) };
}

describe(HybridSearch.name, () => {
  it('should search a small scope exactly, fuse both legs and answer the rows in fused order', async () => {
    const db = database(
      new Map<string, unknown[]>([
        [CHUNK_SEARCH_SQL.scopeSize, [{ scopeRows: 12, tableRows: 1_000 }]],
        [CHUNK_SEARCH_SQL.exactNearest, [{ id: 'a', distance: 0.1 }, { id: 'b', distance: 0.2 }]],
        [CHUNK_SEARCH_SQL.textMatches, [{ id: 'b' }, { id: 'c' }]],
        [CHUNK_SEARCH_SQL.hits, [chunkRow('a'), chunkRow('b')]],
      ]),
    );
    const sut = new HybridSearch(db.sql);

    const hits = await sut.search(chunkParams({ datasetIds: ['ds-1'] }));

    expect(hits).toEqual([
      { ...chunkRow('b'), score: 1 / 62 + 1 / 61, vectorRank: 2, textRank: 1 },
      { ...chunkRow('a'), score: 1 / 61, vectorRank: 1, textRank: null },
    ]);
    expect(db.transactions).toEqual([]);
    const exact = db.asked.find((a) => a.text === CHUNK_SEARCH_SQL.exactNearest)!;
    expect(exact.values).toEqual(['org-1', ['ds-1'], null, 'space-1', expect.stringMatching(/^\[1,0,0,0,/), 40]);
    expect(db.asked.find((a) => a.text === CHUNK_SEARCH_SQL.hits)!.values).toEqual(['org-1', ['ds-1'], null, ['b', 'a']]);
  });

  it('should search a large scope through HNSW in its own transaction, with iterative scans, nearest first', async () => {
    const db = database(
      new Map<string, unknown[]>([
        [CHUNK_SEARCH_SQL.scopeSize, [{ scopeRows: 40_000, tableRows: 100_000 }]],
        [SEARCH_SETTINGS_SQL.hnswSettings, [{}]],
        [CHUNK_SEARCH_SQL.hnswNearest, [{ id: 'b', distance: 0.3 }, { id: 'a', distance: 0.1 }]],
      ]),
    );
    const sut = new HybridSearch(db.sql, { efSearch: 64, maxScanTuples: 9_000 });

    const neighbours = await sut.nearest(chunkParams(), 40);

    expect(neighbours).toEqual([{ id: 'a', distance: 0.1 }, { id: 'b', distance: 0.3 }]);
    expect(db.transactions).toEqual(['short']);
    expect(db.asked.filter((a) => a.inTransaction).map((a) => a.text)).toEqual([SEARCH_SETTINGS_SQL.hnswSettings, CHUNK_SEARCH_SQL.hnswNearest]);
    expect(db.asked.find((a) => a.text === SEARCH_SETTINGS_SQL.hnswSettings)!.values).toEqual(['64', '9000']);
  });

  it('should count a scope once for searches in quick succession', async () => {
    const db = database(new Map<string, unknown[]>([[CHUNK_SEARCH_SQL.scopeSize, [{ scopeRows: 3, tableRows: 10 }]], [CHUNK_SEARCH_SQL.exactNearest, []]]));
    const sut = new HybridSearch(db.sql);

    await sut.nearest(chunkParams({ datasetIds: ['ds-2', 'ds-1'] }), 40);
    await sut.nearest(chunkParams({ datasetIds: ['ds-1', 'ds-2'] }), 40);

    expect(db.texts().filter((t) => t === CHUNK_SEARCH_SQL.scopeSize)).toHaveLength(1);
    expect(db.texts().filter((t) => t === SEARCH_SETTINGS_SQL.vectorVersion)).toHaveLength(1);
  });

  it('should search exactly without counting when pgvector has no iterative scans, and say so once', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const db = database(new Map<string, unknown[]>([[CHUNK_SEARCH_SQL.exactNearest, [{ id: 'a', distance: 0.5 }]]]), '0.7.4');
    const sut = new HybridSearch(db.sql);

    await expect(sut.strategyFor(chunkParams())).resolves.toBe('exact');
    await expect(sut.nearest(chunkParams(), 40)).resolves.toEqual([{ id: 'a', distance: 0.5 }]);
    expect(db.texts()).not.toContain(CHUNK_SEARCH_SQL.scopeSize);
    expect(warn.mock.calls).toEqual([[expect.stringContaining('pgvector 0.7.4 has no iterative index scans')]]);
    warn.mockRestore();
  });

  it('should scope memories by organization, agent and tags', async () => {
    const memory = { id: 'm', text: 'likes email', agentId: 'agent-1', tags: ['pref'], createdAt: new Date(0) };
    const db = database(
      new Map<string, unknown[]>([
        [MEMORY_SEARCH_SQL.scopeSize, [{ scopeRows: 2, tableRows: 5 }]],
        [MEMORY_SEARCH_SQL.exactNearest, [{ id: 'm', distance: 0.2 }]],
        [MEMORY_SEARCH_SQL.textMatches, []],
        [MEMORY_SEARCH_SQL.hits, [memory]],
      ]),
    );
    const sut = new HybridSearch(db.sql);
    const params: MemorySearchParams = { table: 'agent_memories', organizationId: 'org-1', agentId: 'agent-1', tags: ['pref'], embeddingSpaceId: 'space-1', queryVector: [0, 1], queryText: 'email', k: 5 };

    await expect(sut.search(params)).resolves.toEqual([{ ...memory, score: 1 / 61, vectorRank: 1, textRank: null }]);
    expect(db.asked.filter((a) => a.text !== SEARCH_SETTINGS_SQL.vectorVersion).map((a) => a.values.slice(0, 3))).toEqual(
      Array(4).fill(['org-1', 'agent-1', ['pref']]),
    );
  });

  it('should skip the vector leg for a zero vector and the text leg for a blank query', async () => {
    const db = database(new Map<string, unknown[]>([[CHUNK_SEARCH_SQL.textMatches, []]]));
    const sut = new HybridSearch(db.sql);

    await expect(sut.search(chunkParams({ queryVector: [0, 0, 0] }))).resolves.toEqual([]);
    await expect(sut.search(chunkParams({ queryVector: [0, 0, 0], queryText: '  ' }))).resolves.toEqual([]);
    expect(db.texts()).toEqual([CHUNK_SEARCH_SQL.textMatches]);
  });

  it.each([0, 51, 2.5])('should refuse k = %s', async (k) => {
    const db = database(new Map());
    const sut = new HybridSearch(db.sql);

    await expect(sut.search(chunkParams({ k }))).rejects.toThrow(RangeError);
    expect(db.asked).toEqual([]);
  });
});
