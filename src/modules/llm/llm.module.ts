import { Module } from '@nestjs/common';
import { LanguageModels } from './language-models';
import { LlmService } from './llm.service';

/** Language models and embeddings for the configured provider (LLM_PROVIDER); exports LlmService only. */
@Module({
  providers: [LanguageModels, LlmService],
  exports: [LlmService],
})
export class LlmModule {}
