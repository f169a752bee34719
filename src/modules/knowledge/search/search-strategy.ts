import type { VectorStrategy } from './search.types';

/**
 * The knobs of the vector leg. Defaults measured by `npm run bench:knowledge` on 100,000 chunks of
 * 1536 dimensions (2-core machine; see the README's "Knowledge benchmark"):
 * - an exact scan costs about 2 µs per row of the scope (one heap page each: vectors are stored
 *   inline, see the migration that sets STORAGE MAIN), so 5,000 rows is about 10 ms;
 * - a filtered HNSW scan costs about 20 µs per graph tuple it visits, and to find `candidates`
 *   rows of a scope holding a fraction f of the table it visits about candidates / f tuples: at
 *   f = 3 % that is 1,300 tuples, about 27 ms, no better than exact, and below that it gets worse
 *   fast and eventually stops at hnsw.max_scan_tuples with rows missing (recall falls).
 */
export interface SearchTuning {
  /** Scopes of at most this many rows are always searched exactly. */
  exactMaxRows: number;
  /** Scopes holding less than this fraction of the table are searched exactly, however many rows they hold. */
  minHnswFraction: number;
  /** hnsw.ef_search: the graph's candidate list per scan step; recall against latency. */
  efSearch: number;
  /** hnsw.max_scan_tuples: where an iterative scan gives up. */
  maxScanTuples: number;
  /** How long a scope's row count is trusted (ms). */
  scopeSizeTtlMs: number;
}

export const DEFAULT_SEARCH_TUNING: SearchTuning = {
  exactMaxRows: 5_000,
  minHnswFraction: 0.03,
  efSearch: 100,
  maxScanTuples: 20_000,
  scopeSizeTtlMs: 30_000,
};

export interface ScopeSize {
  /** Rows of the scope (organization and dataset/document or agent), counted up to a cap. */
  scopeRows: number;
  /** The planner's estimate of the table's rows (pg_class.reltuples; 0 before the first ANALYZE). */
  tableRows: number;
}

/**
 * Exact for small scopes (cheap, and an HNSW graph walk would have to step over other tenants' rows
 * to find theirs) and for scopes too thin a slice of the table; HNSW with iterative scans for the
 * rest. Without iterative scans (pgvector before 0.8) a filtered HNSW scan stops after ef_search
 * tuples and answers fewer rows than asked, so every search is exact.
 */
export function chooseStrategy(size: ScopeSize, iterativeScans: boolean, tuning: Pick<SearchTuning, 'exactMaxRows' | 'minHnswFraction'>): VectorStrategy {
  if (!iterativeScans || size.scopeRows <= tuning.exactMaxRows) return 'exact';
  // Never analysed: the table holds at least the scope's rows.
  const tableRows = Math.max(size.tableRows, size.scopeRows);
  return size.scopeRows < tuning.minHnswFraction * tableRows ? 'exact' : 'hnsw';
}

/** Whether this pgvector version has iterative index scans (hnsw.iterative_scan, 0.8.0 and later). */
export function hasIterativeScans(extversion: string | null): boolean {
  const match = /^(\d+)\.(\d+)/.exec(extversion ?? '');
  if (!match) return false;
  const [major, minor] = [Number(match[1]), Number(match[2])];
  return major > 0 || minor >= 8;
}
