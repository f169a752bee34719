import { toVectorLiteral } from '../../llm/vectors/stored-vector';

/** Whose chunks a batch is: the document version they were cut from and the space of their vectors. */
export interface ChunkOwner {
  organizationId: string;
  datasetId: string;
  documentId: string;
  documentVersion: number;
  embeddingSpaceId: string;
}

export interface EmbeddedChunk {
  position: number;
  text: string;
  tokenCount: number;
  embedding: readonly number[];
}

/*
 * One statement text for every batch size (one prepared statement): the batch travels as four
 * parallel arrays. The full-text vector is computed by Postgres from the same text, so search and
 * storage agree on the dictionary. A position already stored for this version (a stage re-run
 * after a crash) is left as it is.
 */
export const INSERT_CHUNKS_SQL = `
  INSERT INTO chunks (organization_id, dataset_id, document_id, document_version, embedding_space_id, position, text, token_count, embedding, search_vector)
  SELECT $1::uuid, $2::uuid, $3::uuid, $4::int, $5::uuid, u.position, u.text, u.token_count, u.embedding::vector, to_tsvector('english', u.text)
    FROM unnest($6::int[], $7::text[], $8::int[], $9::text[]) AS u(position, text, token_count, embedding)
  ON CONFLICT (document_id, document_version, position) DO NOTHING`;

/** The parameters of INSERT_CHUNKS_SQL for one batch. */
export function insertChunksParams(owner: ChunkOwner, chunks: readonly EmbeddedChunk[]): unknown[] {
  return [
    owner.organizationId,
    owner.datasetId,
    owner.documentId,
    owner.documentVersion,
    owner.embeddingSpaceId,
    chunks.map((c) => c.position),
    chunks.map((c) => c.text),
    chunks.map((c) => c.tokenCount),
    chunks.map((c) => toVectorLiteral(c.embedding)),
  ];
}
