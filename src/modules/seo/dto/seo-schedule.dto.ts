import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { SITE_URL, SITE_URL_MESSAGE, SiteUrl } from '../seo.input';

/** The weekly SEO review's timing and the input of each of its runs. */
export class SeoScheduleDto {
  @ApiPropertyOptional({ example: 'Europe/Paris', default: 'UTC', description: 'IANA time zone its Monday 06:00 is read in' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  timezone?: string;

  @ApiPropertyOptional({ example: 'sc-domain:northwind.example', description: "The Search Console property; default: the seo agent's settings.siteUrl, read at each run" })
  @IsOptional()
  @SiteUrl()
  @MaxLength(500)
  @Matches(SITE_URL, { message: SITE_URL_MESSAGE })
  siteUrl?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  brandId?: string;

  @ApiPropertyOptional({ minimum: 7, maximum: 90, default: 28 })
  @IsOptional()
  @IsInt()
  @Min(7)
  @Max(90)
  days?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 12, default: 4 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(12)
  weeks?: number;
}
