import { Module } from '@nestjs/common';
import { HybridSearch } from './hybrid-search';

/** Hybrid search over knowledge chunks and agent memories; the knowledge and memory modules import it. */
@Module({
  providers: [HybridSearch],
  exports: [HybridSearch],
})
export class KnowledgeSearchModule {}
