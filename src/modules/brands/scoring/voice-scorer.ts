import { Injectable } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import { UnprocessableError } from '../../../common/errors/domain-errors';
import type { ModelUsage } from '../../tools/tool.types';
import { type CandidateVoice, VoiceLookupRepository } from '../persistence/voice-lookup.repository';
import { chooseVoice } from '../voice-choice';
import { VoiceEmbedder } from './voice-embedder';
import { centroidOf, cosineSimilarity } from './vector-math';
import { checkRules, combineScore, type ScoreReason, similarityReason, VOICE_PASS_THRESHOLD } from './voice-rules';

export interface VoiceScoreRequest {
  brandId: string;
  text: string;
  /** Default: the brand's default voice, else its only voice. */
  voiceId?: string;
}

export interface VoiceScore {
  /** 0 to 1 (see voice-rules.ts for how it is made). */
  score: number;
  /** Cosine similarity of the text to the voice's examples, -1 to 1 (4 places). */
  similarity: number;
  /** score >= VOICE_PASS_THRESHOLD. */
  passed: boolean;
  /** The similarity first, then every failed check. */
  reasons: ScoreReason[];
  voiceId: string;
  brandId: string;
}

export interface ScoreOptions {
  signal?: AbortSignal;
  /** Told what the embedding call used, as soon as it answered (a tool reports it to its step). */
  onModelUsage?: (usage: ModelUsage) => void;
}

/**
 * Scores a text against a brand voice: how close its embedding is to the voice's examples, and
 * the voice's rules. One embedding call per score: the text alone, or the text with the examples
 * when the voice has no embedding in the current space yet (seeded voices, or a voice embedded by
 * a model no longer configured); that embedding is then stored for the next score.
 */
@Injectable()
export class VoiceScorer {
  constructor(private readonly voices: VoiceLookupRepository, private readonly embedder: VoiceEmbedder, private readonly logger: PinoLogger) {
    logger.setContext(VoiceScorer.name);
  }

  async score(organizationId: string, request: VoiceScoreRequest, options: ScoreOptions = {}): Promise<VoiceScore> {
    const voice = await this.voiceFor(organizationId, request);
    const { text, voice: voiceVector } = await this.vectorsOf(organizationId, voice, request.text, options);
    const similarity = Math.round(cosineSimilarity(text, voiceVector) * 10_000) / 10_000;
    const rules = checkRules(request.text, voice);
    const score = combineScore(similarity, rules.ruleScore);
    return { score, similarity, passed: score >= VOICE_PASS_THRESHOLD, reasons: [similarityReason(similarity), ...rules.reasons], voiceId: voice.id, brandId: request.brandId };
  }

  private async voiceFor(organizationId: string, request: VoiceScoreRequest): Promise<CandidateVoice> {
    return chooseVoice(await this.voices.candidates(organizationId, request.brandId, request.voiceId), request.brandId, request.voiceId);
  }

  private async vectorsOf(organizationId: string, voice: CandidateVoice, text: string, options: ScoreOptions): Promise<{ text: number[]; voice: number[] }> {
    const spaceId = await this.embedder.currentSpaceId();
    const stored = voice.embedding !== null && voice.embeddingSpaceId === spaceId ? voice.embedding : null;
    if (stored === null && voice.examples.length === 0) throw new UnprocessableError(`brand voice ${voice.id} has no examples to compare with`);
    // Through the brand tool a run's step records the call (onModelUsage); on request, the ledger does.
    const outsideRun = options.onModelUsage ? undefined : 'brand.score';
    const embedded = await this.embedder.embed(organizationId, stored ? [text] : [text, ...voice.examples], options.signal, outsideRun);
    options.onModelUsage?.(embedded.usage);
    if (stored) return { text: embedded.vectors[0], voice: stored };

    const centroid = centroidOf(embedded.vectors.slice(1));
    await this.storeEmbedding(organizationId, voice, centroid, embedded.spaceId);
    return { text: embedded.vectors[0], voice: centroid };
  }

  /** Best effort: the score stands without it, and the next score embeds the examples again. */
  private async storeEmbedding(organizationId: string, voice: CandidateVoice, centroid: number[], spaceId: string): Promise<void> {
    try {
      const saved = await this.voices.saveEmbedding(organizationId, voice, centroid, spaceId);
      this.logger.info({ voiceId: voice.id, spaceId, saved }, saved ? 'brand voice embedded on first score' : 'brand voice embedding not stored: its examples changed meanwhile');
    } catch (error) {
      this.logger.warn({ voiceId: voice.id, err: error }, 'brand voice embedding not stored');
    }
  }
}
