import { Injectable } from '@nestjs/common';
import type { ModelUsage } from '../../tools/tool.types';
import { MeteredLlm, modelUsageOf } from '../../llm/usage/metered-llm';
import { EmbeddingSpaces } from '../../llm/vectors/embedding-spaces';
import type { VoiceEmbedding } from '../persistence/brand-voices.repository';
import { centroidOf } from './vector-math';

export interface EmbeddedValues {
  /** One vector per value, in order, in `spaceId`'s space. */
  vectors: number[][];
  spaceId: string;
  /** What the call used and cost: a tool reports it to its run's step. */
  usage: ModelUsage;
}

/**
 * Embeddings for brand voices, in the configured embedding space, on the organization's budget
 * (MeteredLlm refuses before the model is asked when the budget is spent: BudgetExceededError, 402).
 */
@Injectable()
export class VoiceEmbedder {
  constructor(private readonly llm: MeteredLlm, private readonly spaces: EmbeddingSpaces) {}

  /** The id of the space vectors are embedded in now; a stored vector of another space is not comparable. */
  async currentSpaceId(): Promise<string> {
    return (await this.spaces.currentSpace()).id;
  }

  /** `outsideRun`: what the call is for when no run records it (see LlmScope). */
  async embed(organizationId: string, values: string[], signal?: AbortSignal, outsideRun?: string): Promise<EmbeddedValues> {
    const spaceId = await this.currentSpaceId();
    const answer = await this.llm.embed({ organizationId, outsideRun }, values, { abortSignal: signal });
    return { vectors: answer.embeddings, spaceId, usage: modelUsageOf(answer) };
  }

  /** A voice's stored embedding: the L2-normalised mean of its examples' vectors. */
  async embedExamples(organizationId: string, examples: string[], signal?: AbortSignal): Promise<VoiceEmbedding> {
    const { vectors, spaceId } = await this.embed(organizationId, examples, signal, 'brand.voice_examples');
    return { vector: centroidOf(vectors), spaceId };
  }
}
