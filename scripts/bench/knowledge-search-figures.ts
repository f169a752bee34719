/**
 * The search figures of `npm run bench:knowledge` for one tenant: recall@10 of HybridSearch's vector
 * leg against a brute-force scan, its latency (and at other ef_search values), the whole hybrid
 * search's latency, and the vector leg's plan for a fresh query.
 */
import type { Client } from 'pg';
import type { HybridSearch as Search } from '../../src/modules/knowledge/search/hybrid-search';
import type { ChunkSearchParams } from '../../src/modules/knowledge/search/search.types';
import type { Synthetic, Tenant } from './knowledge-data';
import { built } from './knowledge-model-calls';

export const K = 10;

export const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

export interface TenantFigures {
  rows: number;
  strategy: string;
  queries: number;
  recall: number;
  p50: number;
  p95: number;
  legP50: number;
  legP95: number;
  plan: string;
  sweep: SweepPoint[];
  latencies: number[];
}

/**
 * Recall of the vector leg as the product runs it for k = 10 (its candidates, nearest 10 kept)
 * against a brute-force scan of the tenant's rows, then the whole hybrid search timed once per
 * query, after one untimed pass over the same queries.
 */
export async function measureTenant(
  db: Client,
  search: Search,
  candidates: number,
  data: Synthetic,
  tenant: Tenant,
  space: string,
  queryCount: number,
  variants: Array<[number, Search]> = [],
): Promise<TenantFigures> {
  const queries = Array.from({ length: queryCount }, () => data.query());
  const params = (q: { vector: number[]; text: string }): ChunkSearchParams => ({
    table: 'chunks',
    organizationId: tenant.organizationId,
    embeddingSpaceId: space,
    queryVector: q.vector,
    queryText: q.text,
    k: K,
  });
  const strategy = await search.strategyFor(params(queries[0]));
  // Ground truth: no index can answer the order (index scans off), so Postgres computes every distance of the tenant.
  await db.query('BEGIN');
  await db.query('SET LOCAL enable_indexscan = off');
  const exact: string[][] = [];
  for (const q of queries) {
    const { rows } = await db.query<{ id: string }>(
      'SELECT id FROM chunks WHERE organization_id = $1 AND embedding_space_id = $2 ORDER BY embedding <=> $3::vector, id LIMIT $4',
      [tenant.organizationId, space, `[${q.vector.join(',')}]`, K],
    );
    exact.push(rows.map((r) => r.id));
  }
  await db.query('COMMIT');
  /** Recall@10 of a search's vector leg over the queries, and that leg's latencies, sorted. */
  const vectorLeg = async (of: Search) => {
    let found = 0;
    const latencies: number[] = [];
    for (const [i, q] of queries.entries()) {
      const at = performance.now();
      const leg = (await of.nearest(params(q), candidates)).slice(0, K).map((n) => n.id);
      latencies.push(performance.now() - at);
      found += leg.filter((id) => exact[i].includes(id)).length;
    }
    return { recall: found / (queries.length * K), latencies: latencies.sort((a, b) => a - b) };
  };
  // A warm-up pass first: a serving process answers from warm caches, and the graph's pages
  // (781 MB of index against 128 MB of shared_buffers) come from the OS cache after it.
  for (const q of queries) await search.search(params(q));
  const { recall, latencies: legLatencies } = await vectorLeg(search);
  const sweep: SweepPoint[] = [];
  for (const [efSearch, variant] of variants) {
    const point = await vectorLeg(variant);
    sweep.push({ efSearch, recall: point.recall, p50: percentile(point.latencies, 50), p95: percentile(point.latencies, 95) });
  }
  const latencies: number[] = [];
  for (const q of queries) {
    const at = performance.now();
    await search.search(params(q));
    latencies.push(performance.now() - at);
  }
  const sorted = [...latencies].sort((a, b) => a - b);
  // A query not asked before, so the plan shows where a fresh query's pages come from.
  const plan = await planOf(db, strategy, [tenant.organizationId, null, null, space, `[${data.query().vector.join(',')}]`, candidates]);
  return {
    rows: tenant.rows,
    strategy,
    queries: queries.length,
    recall,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    legP50: percentile(legLatencies, 50),
    legP95: percentile(legLatencies, 95),
    plan,
    sweep,
    latencies,
  };
}

interface SweepPoint {
  efSearch: number;
  recall: number;
  p50: number;
  p95: number;
}

interface PlanNode {
  'Node Type': string;
  'Index Name'?: string;
  'Relation Name'?: string;
  'Shared Hit Blocks'?: number;
  'Shared Read Blocks'?: number;
  Plans?: PlanNode[];
}

/** The vector leg's plan as the product runs it (HNSW settings included), outermost node first, with where its pages came from and its time. */
async function planOf(db: Client, strategy: string, values: unknown[]): Promise<string> {
  const { CHUNK_SEARCH_SQL, SEARCH_SETTINGS_SQL } = built<{ CHUNK_SEARCH_SQL: Record<string, string>; SEARCH_SETTINGS_SQL: Record<string, string> }>('modules/knowledge/search/search-sql.js');
  await db.query('BEGIN');
  try {
    if (strategy === 'hnsw') await db.query(SEARCH_SETTINGS_SQL.hnswSettings, ['100', '20000']);
    const statement = strategy === 'hnsw' ? CHUNK_SEARCH_SQL.hnswNearest : CHUNK_SEARCH_SQL.exactNearest;
    const [{ 'QUERY PLAN': [explained] }] = (await db.query(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${statement}`, values)).rows as Array<{ 'QUERY PLAN': Array<{ Plan: PlanNode; 'Execution Time': number }> }>;
    const nodes: string[] = [];
    const walk = (node: PlanNode) => {
      nodes.push(`${node['Node Type']}${node['Index Name'] ? ` ${node['Index Name']}` : node['Relation Name'] ? ` on ${node['Relation Name']}` : ''}`);
      node.Plans?.forEach(walk);
    };
    walk(explained.Plan);
    const [hit, read] = [explained.Plan['Shared Hit Blocks'] ?? 0, explained.Plan['Shared Read Blocks'] ?? 0];
    return `${nodes.join(' > ')}; ${hit.toLocaleString('en')} pages from shared buffers, ${read.toLocaleString('en')} read from the OS cache, ${explained['Execution Time'].toFixed(1)} ms`;
  } finally {
    await db.query('ROLLBACK');
  }
}
