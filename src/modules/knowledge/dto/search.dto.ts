import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import type { Passage } from '../knowledge-search';

export class SearchFilterDto {
  @ApiPropertyOptional({ type: [String], format: 'uuid', maxItems: 100, description: 'Only passages of these documents' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsUUID(undefined, { each: true })
  documentIds?: string[];
}

export class SearchDatasetDto {
  @ApiProperty({ example: 'How long does shipping take?', minLength: 1, maxLength: 2000 })
  @IsString()
  @Matches(/\S/, { message: 'query must contain a word' })
  @MaxLength(2000)
  query!: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 20, default: 5, description: 'Passages to return' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(20)
  k?: number;

  @ApiPropertyOptional({ type: SearchFilterDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => SearchFilterDto)
  filter?: SearchFilterDto;
}

/** knowledge.search's input: a search over all of the organization's datasets, or one. */
export class KnowledgeSearchInput extends SearchDatasetDto {
  @IsOptional()
  @IsUUID()
  datasetId?: string;
}

export class PassageView {
  @ApiProperty({ format: 'uuid' }) chunkId!: string;
  @ApiProperty({ format: 'uuid' }) documentId!: string;
  @ApiProperty({ format: 'uuid' }) datasetId!: string;
  @ApiProperty({ type: String, nullable: true }) documentTitle!: string | null;
  @ApiProperty({ type: String, nullable: true }) sourceUrl!: string | null;
  @ApiProperty({ description: "The passage's place in its document, from 0" }) position!: number;
  @ApiProperty() text!: string;
  @ApiProperty({ description: 'Higher is more relevant; comparable within one answer only' }) score!: number;
}

export class SearchResponse {
  @ApiProperty({ type: [PassageView], description: 'Most relevant first' }) passages!: PassageView[];
}

export function toSearchResponse(passages: Passage[]): SearchResponse {
  return { passages: passages.map((p) => ({ ...p })) };
}
