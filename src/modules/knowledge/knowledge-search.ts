import { Injectable } from '@nestjs/common';
import { Sql } from '../../infra/database/sql';
import { DatasetsService } from './datasets.service';
import { MeteredLlm, type Metered } from '../llm/usage/metered-llm';
import type { LlmEmbedResult } from '../llm/llm.types';
import { EmbeddingSpaces } from '../llm/vectors/embedding-spaces';
import { HybridSearch } from './search/hybrid-search';

export interface KnowledgeQuery {
  query: string;
  k?: number;
  /** One dataset of the organization (404 when it is not one); all of them when absent. */
  datasetId?: string;
  documentIds?: string[];
}

export interface Passage {
  chunkId: string;
  documentId: string;
  datasetId: string;
  documentTitle: string | null;
  sourceUrl: string | null;
  position: number;
  text: string;
  score: number;
}

export interface SearchOptions {
  signal?: AbortSignal;
  /**
   * Inside a run: called with the query's embedding answer, for the run's step to record what it
   * cost. Absent (the REST search), the call is recorded in the usage ledger as knowledge.search.
   */
  inRun?: (answer: Metered<LlmEmbedResult>) => void;
}

/** What a search's query embedding outside a run is recorded as in the model_usage ledger. */
export const SEARCH_PURPOSE = 'knowledge.search';

export const DEFAULT_K = 5;

const DOCUMENTS = `SELECT id, coalesce(title, file_name) AS title, source_url AS "sourceUrl" FROM documents WHERE organization_id = $1 AND id = ANY($2::uuid[])`;

/**
 * Passages of an organization's knowledge for a question: the question embedded in the current
 * embedding space (on the organization's budget), ranked by hybrid search within the
 * organization, and shown with their documents' titles and sources.
 */
@Injectable()
export class KnowledgeSearch {
  constructor(
    private readonly datasets: DatasetsService,
    private readonly llm: MeteredLlm,
    private readonly spaces: EmbeddingSpaces,
    private readonly hybrid: HybridSearch,
    private readonly sql: Sql,
  ) {}

  async search(organizationId: string, query: KnowledgeQuery, options: SearchOptions = {}): Promise<Passage[]> {
    if (query.datasetId) await this.datasets.assertExists(organizationId, query.datasetId);
    const space = await this.spaces.currentSpace();
    const scope = options.inRun ? { organizationId } : { organizationId, outsideRun: SEARCH_PURPOSE };
    const answer = await this.llm.embed(scope, [query.query], { abortSignal: options.signal });
    options.inRun?.(answer);
    const rows = await this.hybrid.search({
      table: 'chunks',
      organizationId,
      datasetIds: query.datasetId ? [query.datasetId] : undefined,
      documentIds: query.documentIds,
      embeddingSpaceId: space.id,
      queryVector: answer.embeddings[0],
      queryText: query.query,
      k: query.k ?? DEFAULT_K,
    });
    if (rows.length === 0) return [];
    const documents = new Map(
      (await this.sql.rows<{ id: string; title: string | null; sourceUrl: string | null }>(DOCUMENTS, [organizationId, [...new Set(rows.map((r) => r.documentId))]])).map((d) => [d.id, d]),
    );
    return rows.map((row) => ({
      chunkId: row.id,
      documentId: row.documentId,
      datasetId: row.datasetId,
      documentTitle: documents.get(row.documentId)?.title ?? null,
      sourceUrl: documents.get(row.documentId)?.sourceUrl ?? null,
      position: row.position,
      text: row.text,
      score: Number(row.score),
    }));
  }
}
