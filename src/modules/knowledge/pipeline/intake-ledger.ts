import { Injectable } from '@nestjs/common';
import { Sql } from '../../../infra/database/sql';
import type { DocumentSource, DocumentStatus, IntakeStage } from './intake-jobs';

/** Where a document stands in intake: enough to know which stage moves it on. */
export interface IntakeState {
  id: string;
  organizationId: string;
  source: DocumentSource;
  status: DocumentStatus;
  version: number;
}

export interface FetchWork extends IntakeState {
  sourceUrl: string;
}

export interface NormalizeWork extends IntakeState {
  rawContent: Buffer | null;
  mimeType: string | null;
  /** SHA-256 of the text the document's searchable chunks were cut from; null before the first READY. */
  contentHash: string | null;
}

export interface EmbedWork extends IntakeState {
  datasetId: string;
  text: string;
}

const STATE = `id, organization_id AS "organizationId", source, status, version`;

/*
 * Every transition is one conditional statement: it names the status and version it moves from,
 * so a duplicate job, a job of a superseded version or a job for a deleted document changes
 * nothing (null), and re-running a stage after a crash finds the row as the crash left it.
 * updated_at is written by hand: these statements bypass Prisma's @updatedAt.
 */
const SQL = {
  state: `SELECT ${STATE} FROM documents WHERE id = $1`,
  claimFetch: `
    UPDATE documents SET status = 'FETCHING', updated_at = now()
     WHERE id = $1 AND version = $2 AND source = 'URL' AND status IN ('PENDING', 'FETCHING')
    RETURNING ${STATE}, source_url AS "sourceUrl"`,
  fetched: `
    UPDATE documents SET raw_content = $3, mime_type = $4, status = 'NORMALIZING', updated_at = now()
     WHERE id = $1 AND version = $2 AND status = 'FETCHING'
    RETURNING ${STATE}`,
  claimNormalize: `
    UPDATE documents SET status = 'NORMALIZING', updated_at = now()
     WHERE id = $1 AND version = $2 AND status IN ('PENDING', 'NORMALIZING')
    RETURNING ${STATE}, raw_content AS "rawContent", mime_type AS "mimeType", content_hash AS "contentHash"`,
  // The text is what the searchable chunks already hold: back to READY, nothing re-embedded.
  unchanged: `
    UPDATE documents SET status = 'READY', raw_content = NULL, title = coalesce(title, $3), error_class = NULL, error_message = NULL, updated_at = now()
     WHERE id = $1 AND version = $2 AND status = 'NORMALIZING'
    RETURNING ${STATE}`,
  // New content is a new version; the previous version's chunks stay searchable until it is embedded.
  changed: `
    UPDATE documents SET version = version + 1, text = $3, title = coalesce(title, $4), raw_content = NULL, status = 'EMBEDDING',
           embedding_tokens = 0, error_class = NULL, error_message = NULL, updated_at = now()
     WHERE id = $1 AND version = $2 AND status = 'NORMALIZING'
    RETURNING ${STATE}`,
  claimEmbed: `
    UPDATE documents SET updated_at = now()
     WHERE id = $1 AND version = $2 AND status = 'EMBEDDING'
    RETURNING ${STATE}, dataset_id AS "datasetId", text`,
  chunkPositions: `SELECT position FROM chunks WHERE document_id = $1 AND document_version = $2`,
  addEmbeddingTokens: `UPDATE documents SET embedding_tokens = embedding_tokens + $3, updated_at = now() WHERE id = $1 AND version = $2 AND status = 'EMBEDDING'`,
  // One statement: the document turns READY and older versions' chunks go, or neither happens.
  embedded: `
    WITH doc AS (
      UPDATE documents SET status = 'READY', content_hash = $3, embedding_space_id = $4, ready_at = now(), raw_content = NULL,
             chunk_count = (SELECT count(*) FROM chunks WHERE document_id = $1 AND document_version = $2),
             error_class = NULL, error_message = NULL, updated_at = now()
       WHERE id = $1 AND version = $2 AND status = 'EMBEDDING'
      RETURNING ${STATE}
    ), superseded AS (
      DELETE FROM chunks c USING doc WHERE c.document_id = doc.id AND c.document_version <> doc.version
    )
    SELECT * FROM doc`,
  // Fetch and normalize fail before a new version exists: the chunks of the READY version stay.
  failed: `
    UPDATE documents SET status = 'FAILED', error_class = $4, error_message = $5, raw_content = NULL, updated_at = now()
     WHERE id = $1 AND version = $2 AND status = ANY($3::"DocumentStatus"[])
    RETURNING ${STATE}`,
  // Embedding fails on a version nothing searches yet: its partial chunks go with it.
  embedFailed: `
    WITH doc AS (
      UPDATE documents SET status = 'FAILED', error_class = $3, error_message = $4, updated_at = now()
       WHERE id = $1 AND version = $2 AND status = 'EMBEDDING'
      RETURNING ${STATE}
    ), partial AS (
      DELETE FROM chunks c USING doc WHERE c.document_id = doc.id AND c.document_version = doc.version
    )
    SELECT * FROM doc`,
  stale: `
    SELECT ${STATE} FROM documents
     WHERE status IN ('PENDING', 'FETCHING', 'NORMALIZING', 'EMBEDDING') AND updated_at < now() - make_interval(secs => $1::double precision / 1000)
     ORDER BY updated_at LIMIT $2`,
} as const;

/** Longest error message kept on a document: enough to act on, never a whole upstream body. */
const ERROR_MESSAGE_LIMIT = 1_000;

/**
 * The intake stages' writes to documents: plain SQL on the pool, outside any business
 * transaction, so a stage's progress and its failure are durable whatever else rolls back.
 */
@Injectable()
export class IntakeLedger {
  constructor(private readonly sql: Sql) {}

  state(documentId: string): Promise<IntakeState | null> {
    return this.sql.maybeOne<IntakeState>(SQL.state, [documentId]);
  }

  claimFetch(documentId: string, version: number): Promise<FetchWork | null> {
    return this.sql.maybeOne<FetchWork>(SQL.claimFetch, [documentId, version]);
  }

  fetched(documentId: string, version: number, bytes: Buffer, mimeType: string): Promise<IntakeState | null> {
    return this.sql.maybeOne<IntakeState>(SQL.fetched, [documentId, version, bytes, mimeType]);
  }

  claimNormalize(documentId: string, version: number): Promise<NormalizeWork | null> {
    return this.sql.maybeOne<NormalizeWork>(SQL.claimNormalize, [documentId, version]);
  }

  unchanged(documentId: string, version: number, title: string | undefined): Promise<IntakeState | null> {
    return this.sql.maybeOne<IntakeState>(SQL.unchanged, [documentId, version, title ?? null]);
  }

  changed(documentId: string, version: number, text: string, title: string | undefined): Promise<IntakeState | null> {
    return this.sql.maybeOne<IntakeState>(SQL.changed, [documentId, version, text, title ?? null]);
  }

  claimEmbed(documentId: string, version: number): Promise<EmbedWork | null> {
    return this.sql.maybeOne<EmbedWork>(SQL.claimEmbed, [documentId, version]);
  }

  async chunkPositions(documentId: string, version: number): Promise<Set<number>> {
    return new Set((await this.sql.rows<{ position: number }>(SQL.chunkPositions, [documentId, version])).map((row) => row.position));
  }

  async addEmbeddingTokens(documentId: string, version: number, tokens: number): Promise<void> {
    await this.sql.count(SQL.addEmbeddingTokens, [documentId, version, tokens]);
  }

  embedded(documentId: string, version: number, contentHash: string, embeddingSpaceId: string): Promise<IntakeState | null> {
    return this.sql.maybeOne<IntakeState>(SQL.embedded, [documentId, version, contentHash, embeddingSpaceId]);
  }

  /**
   * Ends `stage` FAILED for the document's `version`, if the document still waits on that stage
   * (claimed or not); the embed stage also drops the partial chunks of its version.
   */
  failed(stage: IntakeStage, documentId: string, version: number, error: { errorClass: string; message: string }): Promise<IntakeState | null> {
    const message = error.message.slice(0, ERROR_MESSAGE_LIMIT);
    if (stage === 'embed') return this.sql.maybeOne<IntakeState>(SQL.embedFailed, [documentId, version, error.errorClass, message]);
    const waiting = stage === 'fetch' ? ['PENDING', 'FETCHING'] : ['PENDING', 'NORMALIZING'];
    return this.sql.maybeOne<IntakeState>(SQL.failed, [documentId, version, waiting, error.errorClass, message]);
  }

  /** Documents in intake whose row has not moved for `olderThanMs`: their job may be gone. */
  stale(olderThanMs: number, limit: number): Promise<IntakeState[]> {
    return this.sql.rows<IntakeState>(SQL.stale, [olderThanMs, limit]);
  }
}
