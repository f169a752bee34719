/** What every search names: whose rows, compared in which embedding space, with which query. */
interface SearchQuery {
  /** The caller's organization: no other organization's row is ever read for an answer. */
  organizationId: string;
  /** Only vectors of this space are compared (see EmbeddingSpaces); rows of another space are ignored by the vector leg. */
  embeddingSpaceId: string;
  /** The query's embedding, in `embeddingSpaceId`'s model (any length up to 1536; zero-padded like stored vectors). */
  queryVector: readonly number[];
  /** The query's words, read by `websearch_to_tsquery('english', ...)` ("quoted phrases", or, -exclusions). */
  queryText: string;
  /** How many hits to answer, 1..50. */
  k: number;
}

export interface ChunkSearchParams extends SearchQuery {
  table: 'chunks';
  /** Only chunks of these datasets (all of the organization's when absent). */
  datasetIds?: string[];
  /** Only chunks of these documents. */
  documentIds?: string[];
}

export interface MemorySearchParams extends SearchQuery {
  table: 'agent_memories';
  /** The agent whose memories are searched. */
  agentId: string;
  /** Only memories carrying every one of these tags. */
  tags?: string[];
}

export type SearchParams = ChunkSearchParams | MemorySearchParams;

/** A fused hit: its RRF score and where each leg ranked it (1-based; null when that leg did not find it). */
export interface SearchHit {
  id: string;
  text: string;
  score: number;
  vectorRank: number | null;
  textRank: number | null;
}

export interface ChunkHit extends SearchHit {
  documentId: string;
  datasetId: string;
  documentVersion: number;
  position: number;
}

export interface MemoryHit extends SearchHit {
  agentId: string;
  tags: string[];
  createdAt: Date;
}

/** One row of the vector leg: cosine distance to the query (0 identical, 2 opposite). */
export interface Neighbour {
  id: string;
  distance: number;
}

/** How the vector leg runs: a scan of the scope's own rows, or the HNSW graph with iterative scans. */
export type VectorStrategy = 'exact' | 'hnsw';
