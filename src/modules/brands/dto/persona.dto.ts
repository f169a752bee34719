import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import type { PersonaRecord } from '../persistence/personas.repository';
import { IsName, IsOmittable, IsSmallJsonObject, IsTextList, MAX_NAME } from './fields';

export const MAX_ATTRIBUTES_BYTES = 16_384;

class PersonaFieldsDto {
  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string | null;

  @ApiPropertyOptional({ type: [String], maxItems: 30, example: ['brew cafe-quality coffee at home'] })
  @IsOmittable()
  @IsTextList(30, 300)
  goals?: string[];

  @ApiPropertyOptional({ type: [String], maxItems: 30, example: ['beans go stale before the bag is finished'] })
  @IsOmittable()
  @IsTextList(30, 300)
  painPoints?: string[];

  @ApiPropertyOptional({ type: [String], maxItems: 30, example: ['instagram', 'email'] })
  @IsOmittable()
  @IsTextList(30, 100)
  channels?: string[];

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, example: { ageRange: '28-40' }, description: `Free-form, at most ${MAX_ATTRIBUTES_BYTES} bytes as JSON` })
  @IsOmittable()
  @IsSmallJsonObject(MAX_ATTRIBUTES_BYTES)
  attributes?: Record<string, unknown>;
}

export class CreatePersonaDto extends PersonaFieldsDto {
  @ApiProperty({ example: 'Weekend home brewer', maxLength: MAX_NAME, description: 'Unique within the brand' })
  @IsName()
  name!: string;
}

export class UpdatePersonaDto extends PersonaFieldsDto {
  @ApiPropertyOptional({ maxLength: MAX_NAME })
  @IsOmittable()
  @IsName()
  name?: string;
}

export class PersonaResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) brandId!: string;
  @ApiProperty() name!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) description!: string | null;
  @ApiProperty({ type: [String] }) goals!: string[];
  @ApiProperty({ type: [String] }) painPoints!: string[];
  @ApiProperty({ type: [String] }) channels!: string[];
  @ApiProperty({ type: 'object', additionalProperties: true }) attributes!: Record<string, unknown>;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt!: string;
}

export class PersonaPage {
  @ApiProperty({ type: [PersonaResponse] }) items!: PersonaResponse[];
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Pass as cursor for the next page; null on the last page' }) nextCursor!: string | null;
}

export function toPersonaResponse(persona: PersonaRecord): PersonaResponse {
  return {
    id: persona.id,
    brandId: persona.brandId,
    name: persona.name,
    description: persona.description,
    goals: persona.goals,
    painPoints: persona.painPoints,
    channels: persona.channels,
    attributes: persona.attributes,
    createdAt: persona.createdAt.toISOString(),
    updatedAt: persona.updatedAt.toISOString(),
  };
}
