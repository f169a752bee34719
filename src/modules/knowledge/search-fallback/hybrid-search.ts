import { Injectable } from '@nestjs/common';
import { Sql } from '../../../infra/database/sql';
import { toVectorLiteral } from '../../llm/vectors/stored-vector';

export interface HybridSearchQuery {
  table: 'chunks';
  organizationId: string;
  datasetIds?: string[];
  documentIds?: string[];
  embeddingSpaceId: string;
  queryVector: readonly number[];
  queryText: string;
  k: number;
}

export interface HybridSearchRow {
  id: string;
  documentId: string;
  datasetId: string;
  position: number;
  text: string;
  score: number;
}

/** Candidates each ranking contributes before fusion. */
const CANDIDATES = 50;
/** Reciprocal rank fusion's damping constant (Cormack et al. 2009). */
const RRF_K = 60;

/*
 * Both rankings run over the filtered rows only (MATERIALIZED keeps the planner from answering the
 * vector order from the HNSW index, which filters after the fact and can come back short): exact
 * cosine distance, and ts_rank of the English full-text match. Fused by reciprocal rank, so a
 * passage that both rankings like comes first.
 */
const SEARCH = `
  WITH candidates AS MATERIALIZED (
    SELECT id, document_id, dataset_id, position, text, embedding, search_vector
      FROM chunks
     WHERE organization_id = $1 AND embedding_space_id = $2
       AND ($3::uuid[] IS NULL OR dataset_id = ANY($3::uuid[]))
       AND ($4::uuid[] IS NULL OR document_id = ANY($4::uuid[]))
  ), by_vector AS (
    SELECT id, row_number() OVER (ORDER BY embedding <=> $5::vector, id) AS rank FROM candidates ORDER BY rank LIMIT ${CANDIDATES}
  ), by_text AS (
    SELECT id, row_number() OVER (ORDER BY ts_rank(search_vector, q) DESC, id) AS rank
      FROM candidates, websearch_to_tsquery('english', $6) AS q
     WHERE search_vector @@ q ORDER BY rank LIMIT ${CANDIDATES}
  ), fused AS (
    SELECT id, sum(1.0 / (${RRF_K} + rank)) AS score FROM (SELECT * FROM by_vector UNION ALL SELECT * FROM by_text) ranked GROUP BY id
  )
  SELECT c.id, c.document_id AS "documentId", c.dataset_id AS "datasetId", c.position, c.text, f.score::float8 AS score
    FROM fused f JOIN candidates c ON c.id = f.id
   ORDER BY f.score DESC, c.id
   LIMIT $7`;

/**
 * A stand-in with the search module's interface (src/modules/knowledge/search/), used until that
 * module lands: exact, so correct at any size, and fast enough for the datasets a demo holds.
 */
@Injectable()
export class HybridSearch {
  constructor(private readonly sql: Sql) {}

  search(query: HybridSearchQuery): Promise<HybridSearchRow[]> {
    return this.sql.rows<HybridSearchRow>(SEARCH, [
      query.organizationId,
      query.embeddingSpaceId,
      query.datasetIds ?? null,
      query.documentIds ?? null,
      toVectorLiteral(query.queryVector),
      query.queryText,
      query.k,
    ]);
  }
}
