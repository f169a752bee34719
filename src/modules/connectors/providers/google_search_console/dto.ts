import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn, IsInt, IsOptional, IsUrl, Matches, Max, Min, ValidateBy } from 'class-validator';

/** A URL-prefix property (https://www.example.com/) or a domain property (sc-domain:example.com). */
const SITE_URL = /^(https?:\/\/[^\s/?#]+\/[^\s?#]*|sc-domain:[a-z0-9.-]+\.[a-z]{2,})$/i;
const SITE_URL_MESSAGE = { message: 'siteUrl must be a URL-prefix property ending in / or sc-domain:<domain>' };
const DAY = /^\d{4}-\d{2}-\d{2}$/;
export const DIMENSIONS = ['query', 'page', 'country', 'device', 'date', 'searchAppearance'] as const;
export const SEARCH_TYPES = ['web', 'image', 'video', 'news', 'discover', 'googleNews'] as const;

export class QuerySearchAnalyticsInput {
  @ApiProperty({ example: 'sc-domain:example.com' })
  @Matches(SITE_URL, SITE_URL_MESSAGE)
  siteUrl!: string;

  @ApiProperty({ example: '2025-01-01', description: 'First day, in Pacific time (YYYY-MM-DD)' })
  @Matches(DAY, { message: 'startDate must be YYYY-MM-DD' })
  startDate!: string;

  @ApiProperty({ example: '2025-01-28', description: 'Last day, inclusive; not before startDate' })
  @Matches(DAY, { message: 'endDate must be YYYY-MM-DD' })
  @ValidateBy({
    name: 'notBeforeStart',
    validator: { validate: (value, args) => String(value) >= (args?.object as QuerySearchAnalyticsInput).startDate, defaultMessage: () => 'endDate must not be before startDate' },
  })
  endDate!: string;

  @ApiPropertyOptional({ enum: DIMENSIONS, isArray: true, default: ['query'], description: 'How rows are grouped' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(3)
  @ArrayUnique()
  @IsIn(DIMENSIONS, { each: true })
  dimensions?: (typeof DIMENSIONS)[number][];

  @ApiPropertyOptional({ enum: SEARCH_TYPES, default: 'web' })
  @IsOptional()
  @IsIn(SEARCH_TYPES)
  searchType?: (typeof SEARCH_TYPES)[number];

  @ApiPropertyOptional({ minimum: 1, maximum: 25_000, default: 100 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(25_000)
  rowLimit?: number;
}

export class ListSitemapsInput {
  @ApiProperty({ example: 'sc-domain:example.com' })
  @Matches(SITE_URL, SITE_URL_MESSAGE)
  siteUrl!: string;
}

export class SubmitSitemapInput {
  @ApiProperty({ example: 'sc-domain:example.com' })
  @Matches(SITE_URL, SITE_URL_MESSAGE)
  siteUrl!: string;

  @ApiProperty({ example: 'https://www.example.com/sitemap.xml', description: 'The sitemap URL, on the property' })
  @IsUrl({ protocols: ['https', 'http'], require_protocol: true })
  feedpath!: string;
}
