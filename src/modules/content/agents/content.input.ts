import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNumber, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import type { ContentKind } from '../../../generated/prisma/enums';

export const CONTENT_FORMATS = ['blog_post', 'landing_page', 'newsletter'] as const;
export type ContentFormat = (typeof CONTENT_FORMATS)[number];

export const KIND_OF_FORMAT: Record<ContentFormat, ContentKind> = { blog_post: 'BLOG_POST', landing_page: 'LANDING_PAGE', newsletter: 'NEWSLETTER' };

export const MAX_BRIEF = 4_000;

export class ContentInput {
  @ApiProperty({ minLength: 1, maxLength: MAX_BRIEF, example: 'Announce our autumn single-origin from Huila and how to brew it as a pour-over' })
  @IsString()
  @Matches(/\S/, { message: 'brief must not be blank' })
  @MaxLength(MAX_BRIEF)
  brief!: string;

  @ApiProperty({ enum: CONTENT_FORMATS })
  @IsIn(CONTENT_FORMATS)
  format!: ContentFormat;

  @ApiPropertyOptional({ format: 'uuid', description: "Write in this brand's default voice and score the draft against it; default: the agent's configured brand (none: no voice, no scoring)" })
  @IsOptional()
  @IsUUID()
  brandId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The campaign the content belongs to' })
  @IsOptional()
  @IsUUID()
  campaignId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: "Ground the draft in this dataset only; default: all of the organization's datasets" })
  @IsOptional()
  @IsUUID()
  datasetId?: string;

  @ApiPropertyOptional({ minimum: 0, maximum: 1, description: "The voice score the draft must reach before revisions stop; default: the agent's configured voiceThreshold, else the scorer's pass mark" })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1)
  voiceThreshold?: number;
}
