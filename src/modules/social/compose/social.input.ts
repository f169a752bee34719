import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsDefined, IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUrl, IsUUID, Matches, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import { SOCIAL_NETWORKS, type SocialNetwork } from '../network-rules';

/** An uploaded video's id, as the YouTube connector takes it. */
export const YOUTUBE_VIDEO_ID = /^[A-Za-z0-9_-]{11}$/;

/**
 * What the social agent composes from. YouTube is the odd one: its connector changes the title and
 * description of a video already uploaded (videos.update), so a YouTube post names that video
 * (`youtubeVideoId`) instead of a file to publish.
 */
export class SocialInput {
  @ApiProperty({ minLength: 1, maxLength: 2_000, example: 'Announce the spring linen collection: lighter, made to last, 20% off until Sunday' })
  @IsString()
  @MaxLength(2_000)
  @Matches(/\S/, { message: 'brief must not be blank' })
  brief!: string;

  @ApiProperty({ enum: SOCIAL_NETWORKS, isArray: true, minItems: 1, maxItems: SOCIAL_NETWORKS.length, uniqueItems: true, example: ['x', 'linkedin', 'instagram'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(SOCIAL_NETWORKS.length)
  @ArrayUnique()
  @IsIn(SOCIAL_NETWORKS, { each: true })
  networks!: SocialNetwork[];

  @ApiPropertyOptional({ format: 'uuid', description: "Write in this brand's voice; default: the brand in the agent's configuration, else no brand voice" })
  @IsOptional()
  @IsUUID()
  brandId?: string;

  @ApiPropertyOptional({
    format: 'uri',
    example: 'https://cdn.example.com/spring/linen-shirt.jpg',
    description: 'Public https URL of the post\'s media: a JPEG for Instagram (required there), a video for TikTok (required there); the X, LinkedIn and Facebook connectors publish text only',
  })
  @IsOptional()
  @IsUrl({ protocols: ['https'], require_protocol: true })
  @MaxLength(2_000)
  mediaUrl?: string;

  @ApiPropertyOptional({ example: 'dQw4w9WgXcQ', description: 'Required with youtube: the uploaded video whose title and description the post sets' })
  @ValidateIf((input: SocialInput) => input.youtubeVideoId !== undefined || (Array.isArray(input.networks) && input.networks.includes('youtube')))
  @IsDefined({ message: 'youtubeVideoId is required with youtube: the YouTube connector updates the title and description of an uploaded video' })
  @Matches(YOUTUBE_VIDEO_ID, { message: 'youtubeVideoId must be an 11-character YouTube video id' })
  youtubeVideoId?: string;

  @ApiPropertyOptional({ type: String, format: 'date-time', description: 'Publish then (each network\'s publication waits queued until that time); default: as soon as approved' })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  publishAt?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The campaign the posts belong to (their metrics count towards it)' })
  @IsOptional()
  @IsUUID()
  campaignId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The content (blog post, landing page) the posts promote' })
  @IsOptional()
  @IsUUID()
  contentId?: string;

  @ApiPropertyOptional({ minimum: 1_000, maximum: 2_592_000_000, description: 'How long the review may take before it counts as rejected (default: the configuration\'s settings.approvalExpiresInMs, else until decided)' })
  @IsOptional()
  @IsInt()
  @Min(1_000)
  @Max(2_592_000_000)
  approvalExpiresInMs?: number;
}
