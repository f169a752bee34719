import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import type { QueryResultRow } from 'pg';
import { Sql } from '../../../infra/database/sql';
import { toVectorLiteral } from '../../llm/vectors/stored-vector';
import { reciprocalRankFusion } from './reciprocal-rank-fusion';
import { ScopeSizes } from './scope-sizes';
import { CHUNK_SEARCH_SQL, MEMORY_SEARCH_SQL, SEARCH_SETTINGS_SQL } from './search-sql';
import { chooseStrategy, DEFAULT_SEARCH_TUNING, hasIterativeScans, type ScopeSize, type SearchTuning } from './search-strategy';
import type { ChunkHit, ChunkSearchParams, MemoryHit, MemorySearchParams, Neighbour, SearchHit, SearchParams, VectorStrategy } from './search.types';

/** Overrides of DEFAULT_SEARCH_TUNING (a Partial<SearchTuning>). */
export const SEARCH_TUNING = Symbol('SEARCH_TUNING');

export const MAX_SEARCH_K = 50;
/** Rows each leg hands to the fusion: enough that a row ranked modestly by both legs can still win. */
export const candidatesFor = (k: number) => Math.max(k * 4, 40);

type Statements = typeof CHUNK_SEARCH_SQL;

/**
 * Hybrid search over chunks and agent memories: a vector leg (cosine distance, pgvector) and a
 * full-text leg (Postgres tsvector), fused by reciprocal rank. Every statement is restricted to the
 * caller's organization. The vector leg is exact for small scopes and uses the HNSW index with
 * pgvector 0.8's iterative scans for large ones (search-strategy.ts says where the line is and
 * why); that leg opens its own short transaction, because its settings are SET LOCAL and must not
 * leak into anyone else's (so, on the one-connection embedded database, call it outside a
 * transaction).
 *
 * Statements go unnamed (Sql.rowsPlannedEachTime), not as Sql's named prepared statements: after
 * five runs Postgres may switch a prepared statement to one generic plan, blind to which tenant it
 * serves. Measured on 100,000 chunks, the generic plan for `hits` intersected the organization's
 * index (40,000 entries for the largest tenant) with the primary key: 11 ms instead of 0.05 ms; and
 * on a table of few tenants a generic plan may scan the whole table for a small one. Planning each
 * statement for its tenant costs about 0.2 ms. They go on the pg pool directly rather than through
 * Prisma's raw queries and interactive transaction, whose own overhead was most of a search's time.
 */
@Injectable()
export class HybridSearch {
  private readonly logger = new Logger(HybridSearch.name);
  private readonly tuning: SearchTuning;
  private readonly sizes: ScopeSizes;
  private iterative?: Promise<boolean>;

  constructor(
    private readonly sql: Sql,
    @Optional() @Inject(SEARCH_TUNING) tuning?: Partial<SearchTuning>,
  ) {
    this.tuning = { ...DEFAULT_SEARCH_TUNING, ...tuning };
    this.sizes = new ScopeSizes(this.tuning.scopeSizeTtlMs);
  }

  search(params: ChunkSearchParams): Promise<ChunkHit[]>;
  search(params: MemorySearchParams): Promise<MemoryHit[]>;
  async search(params: SearchParams): Promise<SearchHit[]> {
    if (!Number.isInteger(params.k) || params.k < 1 || params.k > MAX_SEARCH_K) throw new RangeError(`k must be an integer from 1 to ${MAX_SEARCH_K}`);
    const candidates = candidatesFor(params.k);
    const [neighbours, matches] = await Promise.all([this.nearest(params, candidates), this.textMatches(params, candidates)]);
    const fused = reciprocalRankFusion([neighbours.map((n) => n.id), matches], params.k);
    if (fused.length === 0) return [];
    const rows = await this.rows<Record<string, unknown> & { id: string }>(statementsOf(params).hits, [...scopeValues(params), fused.map((f) => f.id)]);
    const byId = new Map(rows.map((row) => [row.id, row]));
    // A row deleted between the legs and this read is simply not answered.
    return fused.flatMap(({ id, score, ranks: [vectorRank, textRank] }) => {
      const row = byId.get(id);
      return row ? [{ ...(row as unknown as SearchHit), score, vectorRank, textRank }] : [];
    });
  }

  /**
   * The vector leg alone: the scope's `limit` rows nearest the query vector, nearest first. A
   * zero vector (a text without words, for the offline model) has no direction: no neighbours.
   */
  async nearest(params: SearchParams, limit: number): Promise<Neighbour[]> {
    if (params.queryVector.every((v) => v === 0)) return [];
    const statements = statementsOf(params);
    const values = [...scopeValues(params), params.embeddingSpaceId, toVectorLiteral(params.queryVector), limit];
    if ((await this.strategyFor(params)) === 'exact') return this.rows<Neighbour>(statements.exactNearest, values);
    const rows = await this.sql.inShortTransaction(async (rows) => {
      await rows(SEARCH_SETTINGS_SQL.hnswSettings, [String(this.tuning.efSearch), String(this.tuning.maxScanTuples)]);
      return rows<Neighbour>(statements.hnswNearest, values);
    });
    return rows.sort((a, b) => a.distance - b.distance || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  /** Which way the vector leg of these params runs now (the scope's size is cached briefly). */
  async strategyFor(params: SearchParams): Promise<VectorStrategy> {
    const iterative = await this.iterativeScans();
    if (!iterative) return 'exact';
    const values = scopeValues(params);
    const size = await this.sizes.get(`${params.table}|${values.map(keyPart).join('|')}`, async () => {
      const [row] = await this.rows<ScopeSize>(statementsOf(params).scopeSize, [...values, this.tuning.exactMaxRows, this.tuning.minHnswFraction]);
      return row ?? { scopeRows: 0, tableRows: 0 };
    });
    return chooseStrategy(size, iterative, this.tuning);
  }

  private async textMatches(params: SearchParams, limit: number): Promise<string[]> {
    if (params.queryText.trim() === '') return [];
    const rows = await this.rows<{ id: string }>(statementsOf(params).textMatches, [...scopeValues(params), params.queryText, limit]);
    return rows.map((row) => row.id);
  }

  private iterativeScans(): Promise<boolean> {
    this.iterative ??= this.rows<{ extversion: string }>(SEARCH_SETTINGS_SQL.vectorVersion, []).then(
      ([row]) => {
        const available = hasIterativeScans(row?.extversion ?? null);
        if (!available) this.logger.warn(`pgvector ${row?.extversion ?? 'missing'} has no iterative index scans (0.8 and later do): every vector search is exact`);
        return available;
      },
      (error: unknown) => {
        this.iterative = undefined; // a database blip must not decide for the life of the process
        throw error;
      },
    );
    return this.iterative;
  }

  /**
   * One unnamed statement on the pool: planned for its values each time. Named (prepared)
   * statements went generic after five runs and fetched the largest tenant's hits by intersecting
   * its 40,000 index entries with the primary key, 11 ms instead of 0.05 ms.
   */
  private rows<T extends QueryResultRow>(text: string, values: unknown[]): Promise<T[]> {
    return this.sql.rowsPlannedEachTime<T>(text, values);
  }
}

function statementsOf(params: SearchParams): Statements {
  return params.table === 'chunks' ? CHUNK_SEARCH_SQL : MEMORY_SEARCH_SQL;
}

/** $1..$3 of every statement: the organization and the scope (search-sql.ts). */
function scopeValues(params: SearchParams): [string, unknown, unknown] {
  return params.table === 'chunks'
    ? [params.organizationId, params.datasetIds ?? null, params.documentIds ?? null]
    : [params.organizationId, params.agentId, params.tags ?? null];
}

function keyPart(value: unknown): string {
  return Array.isArray(value) ? [...(value as string[])].sort().join(',') : String(value ?? '*');
}
