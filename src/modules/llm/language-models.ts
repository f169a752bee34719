import { createAnthropic } from '@ai-sdk/anthropic';
import { createOpenAI } from '@ai-sdk/openai';
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import type { EmbeddingModelV3, LanguageModelV3, SharedV3ProviderOptions } from '@ai-sdk/provider';
import { Inject, Injectable } from '@nestjs/common';
import type { AppConfig, LlmConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { ModelNotAllowedError } from './llm-error';
import { OfflineEmbeddingModel } from './offline/offline-embedding-model';
import { OfflineLanguageModel } from './offline/offline-language-model';

/** The AI SDK models for the configured provider, built once; the only place that knows provider packages. */
@Injectable()
export class LanguageModels {
  /** LLM_MODEL: what a call gets when it names no model. */
  readonly language: LanguageModelV3;
  readonly embedding: EmbeddingModelV3;
  /** Options every embedding call sends, so vectors have EMBEDDING_DIMENSIONS whatever the model's default. */
  readonly embeddingOptions: SharedV3ProviderOptions | undefined;
  readonly timeoutMs: number;
  private readonly allowed: ReadonlySet<string>;
  private readonly buildLanguage: (modelId: string) => LanguageModelV3;
  private readonly chosen = new Map<string, LanguageModelV3>();

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    const built = buildModels(config.llm);
    this.language = built.language;
    this.embedding = built.embedding;
    this.embeddingOptions = built.embeddingOptions;
    this.buildLanguage = built.languageFor;
    this.timeoutMs = config.llm.timeoutMs;
    this.allowed = new Set(config.llm.allowedModels);
  }

  /**
   * The language model a call names (an agent's configured model), on the configured provider:
   * LLM_MODEL when it names none. Only LLM_ALLOWED_MODELS may be named, since a model's choice
   * is the operator's cost decision; anything else is refused before a provider is asked.
   */
  languageFor(modelId?: string): LanguageModelV3 {
    if (modelId === undefined || modelId === this.language.modelId) return this.language;
    if (!this.allowed.has(modelId)) throw new ModelNotAllowedError(modelId, [...this.allowed]);
    let model = this.chosen.get(modelId);
    if (!model) this.chosen.set(modelId, (model = this.buildLanguage(modelId)));
    return model;
  }
}

interface BuiltModels {
  language: LanguageModelV3;
  /** Another chat model on the same provider and credentials. */
  languageFor(modelId: string): LanguageModelV3;
  embedding: EmbeddingModelV3;
  embeddingOptions: SharedV3ProviderOptions | undefined;
}

export function buildModels(llm: LlmConfig): BuiltModels {
  const offlineEmbedding = () => new OfflineEmbeddingModel(llm.embeddingModel, llm.embeddingDimensions);
  const withDefault = (languageFor: (modelId: string) => LanguageModelV3) => ({ language: languageFor(llm.model), languageFor });
  switch (llm.provider) {
    case 'offline':
      return { ...withDefault((id) => new OfflineLanguageModel(id)), embedding: offlineEmbedding(), embeddingOptions: undefined };
    case 'openai': {
      const openai = createOpenAI({ apiKey: llm.apiKey, baseURL: llm.baseUrl });
      // Chat Completions rather than the Responses API: it is what OpenAI-style servers and proxies all speak.
      return {
        ...withDefault((id) => openai.chat(id)),
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
        ...withDefault((id) => compatible.chatModel(id)),
        embedding: compatible.embeddingModel(llm.embeddingModel),
        embeddingOptions: { 'openai-compatible': { dimensions: llm.embeddingDimensions } },
      };
    }
    case 'anthropic': {
      const anthropic = createAnthropic({ apiKey: llm.apiKey, baseURL: llm.baseUrl });
      // Anthropic has no embeddings API: embeddings stay offline (see LlmConfig).
      return { ...withDefault((id) => anthropic(id)), embedding: offlineEmbedding(), embeddingOptions: undefined };
    }
  }
}
