import { Module } from '@nestjs/common';
import { LanguageModels } from './language-models';
import { LlmService } from './llm.service';
import { SdkWarnings } from './sdk-warnings';
import { LlmTool } from './tool/llm.tool';
import { LlmMetrics, llmMetricProviders } from './usage/llm-metrics';
import { MeteredLlm } from './usage/metered-llm';
import { ModelPrices } from './usage/model-prices';
import { TokenBudget } from './usage/token-budget';
import { EmbeddingSpaces } from './vectors/embedding-spaces';

/**
 * Language models and embeddings for the configured provider (LLM_PROVIDER), and the `llm` tool
 * through which agents call them as recorded run steps. Feature code outside runs uses
 * MeteredLlm (budgeted, priced, counted) and EmbeddingSpaces; LlmService is the bare port.
 */
@Module({
  providers: [LanguageModels, LlmService, ...llmMetricProviders, LlmMetrics, ModelPrices, TokenBudget, MeteredLlm, EmbeddingSpaces, LlmTool, SdkWarnings],
  exports: [LlmService, MeteredLlm, TokenBudget, EmbeddingSpaces],
})
export class LlmModule {}
