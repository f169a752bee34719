import { Injectable } from '@nestjs/common';
import { Sql } from '../../../infra/database/sql';
import { INSERT_CHUNKS_SQL, insertChunksParams, type ChunkOwner, type EmbeddedChunk } from './chunk-rows';

/** Chunks are written in plain SQL: their vector and tsvector columns are beyond Prisma. */
@Injectable()
export class ChunksRepository {
  constructor(private readonly sql: Sql) {}

  /** Stores a batch; positions this version already has are kept as they are. */
  async insert(owner: ChunkOwner, chunks: readonly EmbeddedChunk[]): Promise<void> {
    if (chunks.length === 0) return;
    await this.sql.count(INSERT_CHUNKS_SQL, insertChunksParams(owner, chunks));
  }
}
