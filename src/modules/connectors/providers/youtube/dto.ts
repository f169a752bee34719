import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateBy } from 'class-validator';

const VIDEO_ID = /^[A-Za-z0-9_-]{11}$/;
const VIDEO_ID_MESSAGE = { message: 'videoId must be an 11-character YouTube video id' };
/** YouTube refuses angle brackets in titles and descriptions. */
const NO_ANGLE_BRACKETS = /^[^<>]*$/;
export const PRIVACY_STATUSES = ['public', 'unlisted', 'private'] as const;

export class UpdateVideoMetadataInput {
  @ApiProperty({ example: 'dQw4w9WgXcQ' })
  @Matches(VIDEO_ID, VIDEO_ID_MESSAGE)
  videoId!: string;

  @ApiProperty({ maxLength: 100, example: 'How we make our linen shirts' })
  @IsString()
  @MaxLength(100)
  @Matches(/\S/, { message: 'title must not be blank' })
  @Matches(NO_ANGLE_BRACKETS, { message: 'title must not contain < or >' })
  title!: string;

  @ApiPropertyOptional({ maxLength: 5000, description: 'Replaces the description; an empty string clears it' })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  @Matches(NO_ANGLE_BRACKETS, { message: 'description must not contain < or >' })
  description?: string;

  @ApiPropertyOptional({ type: [String], example: ['linen', 'sustainable fashion'], description: 'At most 500 characters in all' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @ValidateBy({
    name: 'tagBudget',
    // YouTube counts a tag with a space as if quoted (two more characters), plus a comma between tags.
    validator: {
      validate: (value) => Array.isArray(value) && value.reduce((sum: number, t: string) => sum + t.length + (t.includes(' ') ? 2 : 0), 0) + Math.max(0, value.length - 1) <= 500,
      defaultMessage: () => 'tags must not exceed 500 characters in all',
    },
  })
  tags?: string[];

  @ApiPropertyOptional({ example: '26', default: '22', description: 'Video category id (26: Howto & Style; 22: People & Blogs)' })
  @IsOptional()
  @Matches(/^\d{1,3}$/, { message: 'categoryId must be a numeric category id' })
  categoryId?: string;

  @ApiPropertyOptional({ enum: PRIVACY_STATUSES })
  @IsOptional()
  @IsIn(PRIVACY_STATUSES)
  privacyStatus?: (typeof PRIVACY_STATUSES)[number];
}

export class GetVideoMetricsInput {
  @ApiProperty({ example: 'dQw4w9WgXcQ' })
  @Matches(VIDEO_ID, VIDEO_ID_MESSAGE)
  videoId!: string;
}

export class ListRecentVideosInput {
  @ApiPropertyOptional({ minimum: 1, maximum: 50, default: 10 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(50)
  maxResults?: number;
}
