import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { MAX_SYNC_DAYS, MAX_SYNC_POSTS } from '../social-posts.tool.dto';

export const DEFAULT_SYNC_DAYS = 7;
export const DEFAULT_SYNC_POSTS = 100;

export class SocialSyncInput {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_SYNC_DAYS, default: DEFAULT_SYNC_DAYS, description: 'Read the metrics of posts published in the last this many days' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_SYNC_DAYS)
  days?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_SYNC_POSTS, default: DEFAULT_SYNC_POSTS, description: 'At most this many posts, the newest first (one metrics read each)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_SYNC_POSTS)
  limit?: number;
}
