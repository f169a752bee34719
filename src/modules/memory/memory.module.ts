import { Module } from '@nestjs/common';
import { KnowledgeSearchModule } from '../knowledge/search/knowledge-search.module';
import { LlmModule } from '../llm/llm.module';
import { AgentMemories } from './agent-memories.repository';
import { MemoryTool } from './memory.tool';

/** Agent memory: the `memory` tool (remember, recall), discovered by the tool registry like any tool. */
@Module({
  imports: [LlmModule, KnowledgeSearchModule],
  providers: [AgentMemories, MemoryTool],
})
export class MemoryModule {}
