import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { PageQuery } from '../../../common/validation/page.query';
import type { KeywordRecord } from '../persistence/keywords.repository';
import { MAX_TERM_LENGTH } from '../planning/search-rows';
import { Tidy } from './fields';

export const KEYWORD_INTENTS = ['informational', 'commercial', 'transactional', 'navigational'] as const;
export type KeywordIntent = (typeof KEYWORD_INTENTS)[number];
const MAX_CLUSTER = 200;

export class CreateKeywordDto {
  @ApiProperty({ example: 'cold brew', maxLength: MAX_TERM_LENGTH, description: 'Unique in the organization, ignoring case; whitespace is collapsed' })
  @Tidy()
  @IsString()
  @IsNotEmpty()
  @MaxLength(MAX_TERM_LENGTH)
  term!: string;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: MAX_CLUSTER, example: 'cold brew' })
  @IsOptional()
  @Tidy()
  @IsString()
  @IsNotEmpty()
  @MaxLength(MAX_CLUSTER)
  cluster?: string | null;

  @ApiPropertyOptional({ enum: KEYWORD_INTENTS, nullable: true })
  @IsOptional()
  @IsIn(KEYWORD_INTENTS)
  intent?: KeywordIntent | null;

  @ApiPropertyOptional({ format: 'uuid', description: "One of the organization's brands" })
  @IsOptional()
  @IsUUID()
  brandId?: string;
}

/** PATCH: only the fields sent change; null clears them. */
export class UpdateKeywordDto {
  @ApiPropertyOptional({ type: String, nullable: true, maxLength: MAX_CLUSTER })
  @IsOptional()
  @Tidy()
  @IsString()
  @IsNotEmpty()
  @MaxLength(MAX_CLUSTER)
  cluster?: string | null;

  @ApiPropertyOptional({ enum: KEYWORD_INTENTS, nullable: true })
  @IsOptional()
  @IsIn(KEYWORD_INTENTS)
  intent?: KeywordIntent | null;
}

export class ListKeywordsQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Only this cluster (ignoring case)', maxLength: MAX_CLUSTER })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_CLUSTER)
  cluster?: string;

  @ApiPropertyOptional({ description: 'Terms containing this text (ignoring case)', maxLength: MAX_TERM_LENGTH })
  @IsOptional()
  @IsString()
  @Matches(/\S/, { message: 'q must not be blank' })
  @MaxLength(MAX_TERM_LENGTH)
  q?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  brandId?: string;
}

export class KeywordResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ description: 'As first written; unique in the organization ignoring case' }) term!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) cluster!: string | null;
  @ApiPropertyOptional({ enum: KEYWORD_INTENTS, nullable: true }) intent!: string | null;
  @ApiProperty({ description: 'Search Console impressions over the last analysed period' }) impressions!: number;
  @ApiProperty() clicks!: number;
  @ApiProperty({ description: 'Click-through rate, 0 to 1' }) ctr!: number;
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'Average position (1 is the top)' }) position!: number | null;
  @ApiProperty({ example: 'search_console', description: 'manual, or search_console when an SEO run last measured it' }) source!: string;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) brandId!: string | null;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'The run that last measured it' }) runId!: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt!: string;
}

export class KeywordPage {
  @ApiProperty({ type: [KeywordResponse] }) items!: KeywordResponse[];
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Pass as cursor for the next page; null on the last page' }) nextCursor!: string | null;
}

export function toKeywordResponse(k: KeywordRecord): KeywordResponse {
  return {
    id: k.id,
    term: k.term,
    cluster: k.cluster,
    intent: k.intent,
    impressions: k.impressions,
    clicks: k.clicks,
    ctr: k.ctr,
    position: k.position,
    source: k.source,
    brandId: k.brandId,
    runId: k.runId,
    createdAt: k.createdAt.toISOString(),
    updatedAt: k.updatedAt.toISOString(),
  };
}
