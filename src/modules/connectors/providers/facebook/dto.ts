import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn, IsInt, IsOptional, IsString, IsUrl, Matches, Max, MaxLength, Min, ValidateIf, IsDefined } from 'class-validator';

const PAGE_ID = /^\d{5,20}$/;
const PAGE_ID_MESSAGE = { message: 'pageId must be a Facebook Page id (digits)' };
export const INSIGHT_PERIODS = ['day', 'week', 'days_28'] as const;
/** Page metrics still offered by Graph API v21 (several older ones were retired in 2024). */
export const PAGE_METRICS = ['page_impressions_unique', 'page_post_engagements', 'page_follows', 'page_views_total', 'page_daily_follows_unique'] as const;

export class PublishPostInput {
  @ApiProperty({ example: '104589372918273' })
  @Matches(PAGE_ID, PAGE_ID_MESSAGE)
  pageId!: string;

  @ApiPropertyOptional({ maxLength: 63_206, example: 'Our spring collection is live: linen, lighter, made to last.', description: 'message, link or both' })
  @ValidateIf((dto: PublishPostInput) => dto.message !== undefined || dto.link === undefined)
  @IsDefined({ message: 'message or link is required' })
  @IsString()
  @MaxLength(63_206)
  @Matches(/\S/, { message: 'message must not be blank' })
  message?: string;

  @ApiPropertyOptional({ example: 'https://shop.example.com/spring' })
  @IsOptional()
  @IsUrl({ protocols: ['https', 'http'], require_protocol: true })
  link?: string;
}

export class GetPageInsightsInput {
  @ApiProperty({ example: '104589372918273' })
  @Matches(PAGE_ID, PAGE_ID_MESSAGE)
  pageId!: string;

  @ApiPropertyOptional({ enum: INSIGHT_PERIODS, default: 'day' })
  @IsOptional()
  @IsIn(INSIGHT_PERIODS)
  period?: (typeof INSIGHT_PERIODS)[number];

  @ApiPropertyOptional({ enum: PAGE_METRICS, isArray: true, description: 'Defaults to all of them' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(PAGE_METRICS.length)
  @ArrayUnique()
  @IsIn(PAGE_METRICS, { each: true })
  metrics?: (typeof PAGE_METRICS)[number][];
}

export class ListRecentPostsInput {
  @ApiProperty({ example: '104589372918273' })
  @Matches(PAGE_ID, PAGE_ID_MESSAGE)
  pageId!: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 10 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
}
