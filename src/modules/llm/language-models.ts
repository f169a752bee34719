import { createAnthropic } from '@ai-sdk/anthropic';
import { createOpenAI } from '@ai-sdk/openai';
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import type { EmbeddingModelV3, LanguageModelV3, SharedV3ProviderOptions } from '@ai-sdk/provider';
import { Inject, Injectable } from '@nestjs/common';
import type { AppConfig, LlmConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { OfflineEmbeddingModel } from './offline/offline-embedding-model';
import { OfflineLanguageModel } from './offline/offline-language-model';

/** The AI SDK models for the configured provider, built once; the only place that knows provider packages. */
@Injectable()
export class LanguageModels {
  readonly language: LanguageModelV3;
  readonly embedding: EmbeddingModelV3;
  /** Options every embedding call sends, so vectors have EMBEDDING_DIMENSIONS whatever the model's default. */
  readonly embeddingOptions: SharedV3ProviderOptions | undefined;
  readonly timeoutMs: number;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    const built = buildModels(config.llm);
    this.language = built.language;
    this.embedding = built.embedding;
    this.embeddingOptions = built.embeddingOptions;
    this.timeoutMs = config.llm.timeoutMs;
  }
}

export function buildModels(llm: LlmConfig): Pick<LanguageModels, 'language' | 'embedding' | 'embeddingOptions'> {
  const offlineEmbedding = () => new OfflineEmbeddingModel(llm.embeddingModel, llm.embeddingDimensions);
  switch (llm.provider) {
    case 'offline':
      return { language: new OfflineLanguageModel(llm.model), embedding: offlineEmbedding(), embeddingOptions: undefined };
    case 'openai': {
      const openai = createOpenAI({ apiKey: llm.apiKey, baseURL: llm.baseUrl });
      // Chat Completions rather than the Responses API: it is what OpenAI-style servers and proxies all speak.
      return {
        language: openai.chat(llm.model),
        embedding: openai.embedding(llm.embeddingModel),
        embeddingOptions: { openai: { dimensions: llm.embeddingDimensions } },
      };
    }
    case 'openai-compatible': {
      const compatible = createOpenAICompatible({
        name: 'openai-compatible',
        apiKey: llm.apiKey,
        baseURL: llm.baseUrl!,
        includeUsage: true,
        // Send the JSON schema itself (response_format json_schema), as vLLM, Ollama and most gateways accept.
        supportsStructuredOutputs: true,
      });
      return {
        language: compatible.chatModel(llm.model),
        embedding: compatible.embeddingModel(llm.embeddingModel),
        embeddingOptions: { 'openai-compatible': { dimensions: llm.embeddingDimensions } },
      };
    }
    case 'anthropic': {
      const anthropic = createAnthropic({ apiKey: llm.apiKey, baseURL: llm.baseUrl });
      // Anthropic has no embeddings API: embeddings stay offline (see LlmConfig).
      return { language: anthropic(llm.model), embedding: offlineEmbedding(), embeddingOptions: undefined };
    }
  }
}
