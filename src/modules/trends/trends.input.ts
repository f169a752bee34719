import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { TREND_NETWORKS, type TrendNetwork } from './analysis/trend-items';

export const DEFAULT_TREND_LIMIT = 3;

export class TrendsInput {
  @ApiPropertyOptional({ type: [String], example: ['linen shirts', 'spring'], description: 'Topics to score; default: the topics the posts share' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @ArrayUnique()
  @IsString({ each: true })
  @MinLength(2, { each: true })
  @MaxLength(60, { each: true })
  @Matches(/\p{L}|\p{N}/u, { each: true, message: 'each topic must contain a letter or digit' })
  topics?: string[];

  @ApiPropertyOptional({ enum: TREND_NETWORKS, isArray: true, default: TREND_NETWORKS, description: 'Where to read recent posts and videos' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(TREND_NETWORKS, { each: true })
  networks?: TrendNetwork[];

  @ApiPropertyOptional({ minimum: 1, maximum: 10, default: DEFAULT_TREND_LIMIT, description: 'Trends to summarise and keep as insights (one model call each)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10)
  limit?: number;
}
