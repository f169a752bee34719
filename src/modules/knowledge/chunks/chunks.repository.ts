import { Injectable } from '@nestjs/common';
import { Sql, sqlErrorFacts } from '../../../infra/database/sql';
import { INSERT_CHUNKS_SQL, insertChunksParams, type ChunkOwner, type EmbeddedChunk } from './chunk-rows';

const FOREIGN_KEY_VIOLATION = '23503';

/** Chunks are written in plain SQL: their vector and tsvector columns are beyond Prisma. */
@Injectable()
export class ChunksRepository {
  constructor(private readonly sql: Sql) {}

  /**
   * Stores a batch; positions this version already has are kept as they are. Answers false when
   * the document (or its dataset) was deleted meanwhile: nothing is stored, and nothing more should be.
   */
  async insert(owner: ChunkOwner, chunks: readonly EmbeddedChunk[]): Promise<boolean> {
    if (chunks.length === 0) return true;
    try {
      await this.sql.count(INSERT_CHUNKS_SQL, insertChunksParams(owner, chunks));
      return true;
    } catch (error) {
      if (sqlErrorFacts(error).code === FOREIGN_KEY_VIOLATION) return false;
      throw error;
    }
  }
}
