/**
 * Every statement of hybrid search, as plain SQL with positional parameters, one set per searched
 * table. `search-sql.spec.ts` checks every table and column named here against schema.prisma.
 *
 * Parameters, the same in every statement of a set: $1 organization, $2 and $3 the scope
 * (chunks: dataset ids, document ids, NULL for all; memories: agent id, tags that must all be
 * present or NULL), then the statement's own.
 */

/** The rows one search may read: always one organization's, narrowed by the scope. */
const CHUNK_SCOPE = `"organization_id" = $1::uuid
      AND ($2::uuid[] IS NULL OR "dataset_id" = ANY($2::uuid[]))
      AND ($3::uuid[] IS NULL OR "document_id" = ANY($3::uuid[]))`;
const MEMORY_SCOPE = `"organization_id" = $1::uuid AND "agent_id" = $2::uuid AND ($3::text[] IS NULL OR "tags" @> $3::text[])`;

/**
 * Full-text matches ranked per search, at most: ts_rank_cd reads each match's tsvector, so a
 * query made of one word common in a large tenant would otherwise rank tens of thousands of rows.
 * Past it the text leg ranks an arbitrary subset of the matches: it is one of two candidate
 * generators for the fusion, and a word that common carries little signal anyway.
 */
export const TEXT_LEG_MAX_MATCHES = 2_000;

function statements(table: 'chunks' | 'agent_memories', scope: string, hitColumns: string) {
  return {
    /**
     * The scope's rows and the planner's estimate of the table's, for the exact-or-HNSW choice
     * ($4 exactMaxRows, $5 minHnswFraction). Counted from the (organization, ...) btree index,
     * and only as far as the choice needs: past both thresholds, more rows change nothing.
     */
    scopeSize: `
      WITH estimate AS (SELECT greatest(reltuples, 0)::float8 AS "tableRows" FROM pg_class WHERE oid = '"${table}"'::regclass)
      SELECT (SELECT count(*)::int FROM (
                SELECT 1 FROM "${table}" WHERE ${scope}
                LIMIT (SELECT greatest($4::float8, $5::float8 * "tableRows") FROM estimate)::bigint + 1) AS capped) AS "scopeRows",
             (SELECT "tableRows" FROM estimate) AS "tableRows"`,

    /**
     * Exact nearest rows ($4 space, $5 query vector, $6 limit). The MATERIALIZED CTE has no ORDER
     * BY, so the planner cannot answer it from the HNSW index: it reads the scope's rows through
     * the organization's btree index and no other tenant's, and the outer sort makes it exact.
     * A zero vector's cosine distance is NaN: such rows are left out.
     */
    exactNearest: `
      WITH scoped AS MATERIALIZED (
        SELECT "id", "embedding" <=> $5::vector AS "distance" FROM "${table}"
        WHERE ${scope} AND "embedding_space_id" = $4::uuid)
      SELECT "id", "distance" FROM scoped WHERE "distance" <> 'NaN'::float8 ORDER BY "distance", "id" LIMIT $6`,

    /**
     * Approximate nearest rows through the HNSW index ($4 space, $5 query vector, $6 limit), run
     * after `hnswSettings` in the same transaction: with iterative scans the index keeps walking
     * the graph until $6 rows pass the organization filter. relaxed_order answers them nearly in
     * order; the caller sorts them by distance.
     */
    hnswNearest: `
      SELECT "id", "embedding" <=> $5::vector AS "distance" FROM "${table}"
      WHERE ${scope} AND "embedding_space_id" = $4::uuid
      ORDER BY "embedding" <=> $5::vector LIMIT $6`,

    /** Full-text matches, best first ($4 query text, $5 limit). Any embedding space: words are words. */
    textMatches: `
      SELECT matched."id", ts_rank_cd(matched."search_vector", query)::float8 AS "rank"
      FROM websearch_to_tsquery('english', $4::text) AS query,
           LATERAL (SELECT "id", "search_vector" FROM "${table}" WHERE ${scope} AND "search_vector" @@ query LIMIT ${TEXT_LEG_MAX_MATCHES}) AS matched
      ORDER BY "rank" DESC, matched."id" LIMIT $5`,

    /** The fused hits' rows ($4 ids), still restricted to the scope. */
    hits: `SELECT ${hitColumns} FROM "${table}" WHERE ${scope} AND "id" = ANY($4::uuid[])`,
  };
}

export const CHUNK_SEARCH_SQL = statements(
  'chunks',
  CHUNK_SCOPE,
  `"id", "text", "document_id" AS "documentId", "dataset_id" AS "datasetId", "document_version" AS "documentVersion", "position"`,
);

export const MEMORY_SEARCH_SQL = statements('agent_memories', MEMORY_SCOPE, `"id", "text", "agent_id" AS "agentId", "tags", "created_at" AS "createdAt"`);

export const SEARCH_SETTINGS_SQL = {
  /** pgvector's version in this database: iterative scans need 0.8. */
  vectorVersion: `SELECT extversion FROM pg_extension WHERE extname = 'vector'`,

  /**
   * For the rest of the transaction only ($1 ef_search, $2 max_scan_tuples): iterative scans, and
   * the HNSW index made the only plan. The planner does not count what a distance costs (reading a
   * 6 kB vector, 1536 multiplications), so left alone it prefers reading a large tenant's rows
   * and sorting them, 50 times slower; with sorting disabled, the ordered index scan is the only
   * plan without a sort. JIT off: a disabled plan's cost would otherwise trigger compilation.
   */
  hnswSettings: `
    SELECT set_config('hnsw.iterative_scan', 'relaxed_order', true), set_config('hnsw.ef_search', $1::text, true),
           set_config('hnsw.max_scan_tuples', $2::text, true), set_config('enable_sort', 'off', true), set_config('jit', 'off', true)`,
} as const;
