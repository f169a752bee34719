import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';

/** A Search Console property: a URL prefix ending in / (https://www.example.com/) or a domain (sc-domain:example.com). */
export const SITE_URL = /^(https?:\/\/[^\s/?#]+\/[^\s?#]*|sc-domain:[a-z0-9.-]+\.[a-z]{2,})$/i;
export const SITE_URL_MESSAGE = '$property must be a URL-prefix property ending in / or sc-domain:<domain>';

/**
 * A site typed as its bare origin (https://www.example.com) names the URL-prefix property of its
 * root, which Search Console writes with the final slash.
 */
export function SiteUrl(): PropertyDecorator {
  return Transform(({ value }: { value: unknown }) => (typeof value === 'string' && /^https?:\/\/[^\s/?#]+$/i.test(value) ? `${value}/` : value));
}

export const DEFAULT_DAYS = 28;
export const DEFAULT_WEEKS = 4;

export class SeoInput {
  @ApiPropertyOptional({ example: 'sc-domain:northwind.example', description: "The Search Console property; default: the seo agent's settings.siteUrl" })
  @IsOptional()
  @SiteUrl()
  @MaxLength(500)
  @Matches(SITE_URL, { message: SITE_URL_MESSAGE })
  siteUrl?: string;

  @ApiPropertyOptional({ minimum: 7, maximum: 90, default: DEFAULT_DAYS, description: 'Days of Search Console data to analyse' })
  @IsOptional()
  @IsInt()
  @Min(7)
  @Max(90)
  days?: number;

  @ApiPropertyOptional({ format: 'uuid', description: "The brand the keywords and entries are for (its voice guides the briefs); default: the seo agent's brand" })
  @IsOptional()
  @IsUUID()
  brandId?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 12, default: DEFAULT_WEEKS, description: 'Weeks the editorial calendar covers, from the day after the run; at most one entry a week' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(12)
  weeks?: number;
}
