import type { EmbeddingModelV3, EmbeddingModelV3CallOptions, EmbeddingModelV3Result } from '@ai-sdk/provider';
import { countTokens } from 'gpt-tokenizer';
import { featureHashEmbedding } from './feature-hash';
import { failOnMarker } from './offline-markers';
import { OFFLINE_PROVIDER } from './offline-language-model';

/**
 * Deterministic embeddings behind the AI SDK's interface: signed feature hashing of word unigrams
 * and bigrams (feature-hash.ts). Texts sharing words score a higher cosine similarity than texts
 * that share none: enough for retrieval tests, no semantics beyond that.
 */
export class OfflineEmbeddingModel implements EmbeddingModelV3 {
  readonly specificationVersion = 'v3';
  readonly provider = OFFLINE_PROVIDER;
  readonly maxEmbeddingsPerCall = 256;
  readonly supportsParallelCalls = true;

  constructor(
    readonly modelId: string,
    private readonly dimensions: number,
  ) {}

  async doEmbed(options: EmbeddingModelV3CallOptions): Promise<EmbeddingModelV3Result> {
    await failOnMarker(options.values.join('\n'), options.abortSignal);
    options.abortSignal?.throwIfAborted();
    return {
      embeddings: options.values.map((value) => featureHashEmbedding(value, this.dimensions)),
      usage: { tokens: options.values.reduce((sum, value) => sum + countTokens(value), 0) },
      warnings: [],
    };
  }
}
