import { Injectable } from '@nestjs/common';
import { Sql } from '../../infra/database/sql';
import { toVectorLiteral } from '../llm/vectors/stored-vector';
import { MEMORY_SQL } from './memory-sql';

export interface NewMemory {
  id: string;
  organizationId: string;
  agentId: string;
  text: string;
  tags: string[];
  embedding: readonly number[];
  embeddingSpaceId: string;
}

/**
 * Agent memories' writes and the run-to-agent lookup, on the shared pool: a memory is written when
 * the tool call makes it, durably, like every tool's effect (the step log records the call).
 */
@Injectable()
export class AgentMemories {
  constructor(private readonly sql: Sql) {}

  async agentOfRun(runId: string, organizationId: string): Promise<string | null> {
    return (await this.sql.maybeOne<{ agentId: string }>(MEMORY_SQL.agentOfRun, [runId, organizationId]))?.agentId ?? null;
  }

  async insert(memory: NewMemory): Promise<void> {
    await this.sql.count(MEMORY_SQL.insert, [
      memory.id,
      memory.organizationId,
      memory.agentId,
      memory.text,
      memory.tags,
      toVectorLiteral(memory.embedding),
      memory.embeddingSpaceId,
    ]);
  }
}
