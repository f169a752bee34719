import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUrl, Matches, Max, MaxLength, Min } from 'class-validator';

/** The privacy levels TikTok offers; a creator's own options come from creator_info (unaudited apps may only post SELF_ONLY). */
export const PRIVACY_LEVELS = ['PUBLIC_TO_EVERYONE', 'MUTUAL_FOLLOW_FRIENDS', 'FOLLOWER_OF_CREATOR', 'SELF_ONLY'] as const;
const VIDEO_ID = /^\d{15,25}$/;

export class PublishVideoInput {
  @ApiProperty({ example: 'https://media.example.com/spring/linen-30s.mp4', description: 'TikTok pulls the file from this URL; its domain must be verified for the app' })
  @IsUrl({ protocols: ['https'], require_protocol: true })
  videoUrl!: string;

  @ApiProperty({ maxLength: 2200, example: 'Linen, lighter, made to last #springstyle #linen' })
  @IsString()
  @MaxLength(2200)
  title!: string;

  @ApiProperty({ enum: PRIVACY_LEVELS })
  @IsIn(PRIVACY_LEVELS)
  privacyLevel!: (typeof PRIVACY_LEVELS)[number];

  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @IsBoolean()
  disableComment?: boolean;

  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @IsBoolean()
  disableDuet?: boolean;

  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @IsBoolean()
  disableStitch?: boolean;

  @ApiPropertyOptional({ default: false, description: 'Paid partnership: TikTok labels the post as branded content' })
  @IsOptional()
  @IsBoolean()
  brandedContent?: boolean;
}

export class GetVideoMetricsInput {
  @ApiProperty({ type: [String], minItems: 1, maxItems: 20, example: ['7458123456789012345'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ArrayUnique()
  @Matches(VIDEO_ID, { each: true, message: 'each videoId must be a TikTok video id (digits)' })
  videoIds!: string[];
}

export class ListRecentVideosInput {
  @ApiPropertyOptional({ minimum: 1, maximum: 20, default: 10 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(20)
  maxCount?: number;
}
