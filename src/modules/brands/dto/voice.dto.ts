import { ApiProperty, ApiPropertyOptional, type ApiPropertyOptions } from '@nestjs/swagger';
import { ArrayMinSize, IsBoolean, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import type { VoiceRecord } from '../persistence/brand-voices.repository';
import { IsName, IsOmittable, IsTextList, MAX_NAME } from './fields';

export const MAX_EXAMPLES = 50;
export const MAX_EXAMPLE_LENGTH = 5_000;
const MAX_TEXT_LENGTH_RULE = 100_000;

function list(items: number, length: number, example: string[], extra: ApiPropertyOptions = {}): ApiPropertyOptions {
  return { type: [String], maxItems: items, example, description: `At most ${items}, each 1 to ${length} characters`, ...extra } as ApiPropertyOptions;
}

/**
 * The voice's fields with their rules, shared by POST (name and examples required) and PATCH
 * (everything optional; null clears audience, minLength, maxLength).
 */
class VoiceFieldsDto {
  @ApiPropertyOptional({ default: false, description: "The voice scoring uses when none is named; making one the default unsets the brand's other" })
  @IsOmittable()
  @IsBoolean()
  isDefault?: boolean;

  @ApiPropertyOptional(list(20, 50, ['warm', 'confident']))
  @IsOmittable()
  @IsTextList(20, 50)
  tone?: string[];

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 1000, example: 'Urban coffee lovers, 25 to 45' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  audience?: string | null;

  @ApiPropertyOptional(list(50, 500, ['Speak to the reader as "you"']))
  @IsOmittable()
  @IsTextList(50, 500)
  doRules?: string[];

  @ApiPropertyOptional(list(50, 500, ['Never call the coffee "cheap"'], { description: 'Free text, never scored; a phrase a rule quotes is reported when the text says it' }))
  @IsOmittable()
  @IsTextList(50, 500)
  dontRules?: string[];

  @ApiPropertyOptional(list(200, 100, ['cheap', 'instant'], { description: 'Whole words or phrases, any case; one in a text fails its score' }))
  @IsOmittable()
  @IsTextList(200, 100)
  bannedWords?: string[];

  @ApiPropertyOptional(list(50, 200, ['Northwind'], { description: 'Substrings (any case) a text must contain' }))
  @IsOmittable()
  @IsTextList(50, 200)
  requiredElements?: string[];

  @ApiPropertyOptional({ type: Number, nullable: true, minimum: 0, maximum: MAX_TEXT_LENGTH_RULE, description: 'Characters; at most maxLength' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_TEXT_LENGTH_RULE)
  minLength?: number | null;

  @ApiPropertyOptional({ type: Number, nullable: true, minimum: 1, maximum: MAX_TEXT_LENGTH_RULE, description: 'Characters' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_TEXT_LENGTH_RULE)
  maxLength?: number | null;
}

export class CreateVoiceDto extends VoiceFieldsDto {
  @ApiProperty({ example: 'House voice', maxLength: MAX_NAME, description: 'Unique within the brand' })
  @IsName()
  name!: string;

  @ApiProperty(list(MAX_EXAMPLES, MAX_EXAMPLE_LENGTH, ['Our Huila single-origin just landed at Northwind.'], { minItems: 1, description: 'Texts in the voice (1 to 50, each up to 5,000 characters); embedded for scoring' }))
  @ArrayMinSize(1)
  @IsTextList(MAX_EXAMPLES, MAX_EXAMPLE_LENGTH)
  examples!: string[];
}

export class UpdateVoiceDto extends VoiceFieldsDto {
  @ApiPropertyOptional({ maxLength: MAX_NAME })
  @IsOmittable()
  @IsName()
  name?: string;

  @ApiPropertyOptional(list(MAX_EXAMPLES, MAX_EXAMPLE_LENGTH, ['Our Huila single-origin just landed at Northwind.'], { minItems: 1, description: 'Replaces the examples; new examples are embedded again' }))
  @IsOmittable()
  @ArrayMinSize(1)
  @IsTextList(MAX_EXAMPLES, MAX_EXAMPLE_LENGTH)
  examples?: string[];
}

export class VoiceResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) brandId!: string;
  @ApiProperty() name!: string;
  @ApiProperty() isDefault!: boolean;
  @ApiProperty({ type: [String] }) tone!: string[];
  @ApiPropertyOptional({ type: String, nullable: true }) audience!: string | null;
  @ApiProperty({ type: [String] }) doRules!: string[];
  @ApiProperty({ type: [String] }) dontRules!: string[];
  @ApiProperty({ type: [String] }) bannedWords!: string[];
  @ApiProperty({ type: [String] }) requiredElements!: string[];
  @ApiPropertyOptional({ type: Number, nullable: true }) minLength!: number | null;
  @ApiPropertyOptional({ type: Number, nullable: true }) maxLength!: number | null;
  @ApiProperty({ type: [String] }) examples!: string[];
  @ApiProperty({ description: 'Whether the examples have a stored embedding (a voice without one is embedded on its first score)' }) embedded!: boolean;
  @ApiPropertyOptional({ type: String, nullable: true, example: 'text-embedding-3-small', description: 'The model that embedded the examples' }) embeddingModel!: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt!: string;
}

export class VoicePage {
  @ApiProperty({ type: [VoiceResponse] }) items!: VoiceResponse[];
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Pass as cursor for the next page; null on the last page' }) nextCursor!: string | null;
}

/** Never the vector: whether there is one, and which model made it. */
export function toVoiceResponse(voice: VoiceRecord): VoiceResponse {
  return {
    id: voice.id,
    brandId: voice.brandId,
    name: voice.name,
    isDefault: voice.isDefault,
    tone: voice.tone,
    audience: voice.audience,
    doRules: voice.doRules,
    dontRules: voice.dontRules,
    bannedWords: voice.bannedWords,
    requiredElements: voice.requiredElements,
    minLength: voice.minLength,
    maxLength: voice.maxLength,
    examples: voice.examples,
    embedded: voice.embeddingSpace !== null,
    embeddingModel: voice.embeddingSpace?.model ?? null,
    createdAt: voice.createdAt.toISOString(),
    updatedAt: voice.updatedAt.toISOString(),
  };
}
