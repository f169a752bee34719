import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, Length } from 'class-validator';
import type { VoiceScore } from '../scoring/voice-scorer';
import { VOICE_PASS_THRESHOLD, type ScoreRule } from '../scoring/voice-rules';

export const MAX_SCORED_TEXT = 20_000;

/** POST /v1/brands/:brandId/score */
export class ScoreTextDto {
  @ApiProperty({ minLength: 1, maxLength: MAX_SCORED_TEXT, example: 'Our Huila single-origin just landed at Northwind: bright cherry, brown sugar.' })
  @IsString()
  @Length(1, MAX_SCORED_TEXT)
  text!: string;

  @ApiPropertyOptional({ format: 'uuid', description: "Default: the brand's default voice, else its only voice" })
  @IsOptional()
  @IsUUID()
  voiceId?: string;
}

/** The input of the `brand.score_voice` tool: untrusted, like any tool input. */
export class ScoreVoiceToolInput extends ScoreTextDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  brandId!: string;
}

/** The input of the `brand.voice` tool. */
export class VoiceGuideToolInput {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  brandId!: string;

  @ApiPropertyOptional({ format: 'uuid', description: "Default: the brand's default voice, else its only voice" })
  @IsOptional()
  @IsUUID()
  voiceId?: string;
}

export const SCORE_RULES: ScoreRule[] = ['similarity', 'banned_words', 'length', 'required_elements', 'dont_rule'];

export class ScoreReasonView {
  @ApiProperty({ enum: SCORE_RULES }) rule!: ScoreRule;
  @ApiProperty({ example: 'uses banned words: "cheap"' }) message!: string;
}

export class VoiceScoreResponse {
  @ApiProperty({ minimum: 0, maximum: 1, description: 'Weighted: similarity to the examples (0.6) and rule checks (0.4); a banned word always fails' }) score!: number;
  @ApiProperty({ minimum: -1, maximum: 1, description: "Cosine similarity of the text's embedding to the voice's examples" }) similarity!: number;
  @ApiProperty({ description: `score >= ${VOICE_PASS_THRESHOLD}` }) passed!: boolean;
  @ApiProperty({ type: [ScoreReasonView], description: 'The similarity, then every failed check' }) reasons!: ScoreReasonView[];
  @ApiProperty({ format: 'uuid' }) voiceId!: string;
  @ApiProperty({ format: 'uuid' }) brandId!: string;
}

export function toVoiceScoreResponse(score: VoiceScore): VoiceScoreResponse {
  return { score: score.score, similarity: score.similarity, passed: score.passed, reasons: score.reasons.map((r) => ({ rule: r.rule, message: r.message })), voiceId: score.voiceId, brandId: score.brandId };
}
