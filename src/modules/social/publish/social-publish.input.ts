import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsString, IsUrl, IsUUID, Matches, MaxLength } from 'class-validator';
import { FACEBOOK_MAX_TEXT_LENGTH, SOCIAL_NETWORKS, type SocialNetwork, YOUTUBE_MAX_TITLE_LENGTH } from '../network-rules';
import { FACEBOOK_PAGE_ID, LINKEDIN_AUTHOR, TIKTOK_PRIVACY_LEVELS, type TikTokPrivacyLevel } from '../compose/network-accounts';
import { YOUTUBE_VIDEO_ID } from '../compose/social.input';

/**
 * One approved post's publication, as the social agent hands it over. The post's row, when the
 * stage reads it, is what goes out (a person may have edited it since); this input is the
 * approved post the row was made from, used when the row is not written yet.
 */
export class SocialPublishInput {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  socialPostId!: string;

  @ApiProperty({ enum: SOCIAL_NETWORKS })
  @IsIn(SOCIAL_NETWORKS)
  network!: SocialNetwork;

  @ApiProperty({ maxLength: FACEBOOK_MAX_TEXT_LENGTH })
  @IsString()
  @MaxLength(FACEBOOK_MAX_TEXT_LENGTH)
  text!: string;

  @ApiPropertyOptional({ maxLength: YOUTUBE_MAX_TITLE_LENGTH, description: "YouTube's video title" })
  @IsOptional()
  @IsString()
  @MaxLength(YOUTUBE_MAX_TITLE_LENGTH)
  title?: string;

  @ApiPropertyOptional({ format: 'uri' })
  @IsOptional()
  @IsUrl({ protocols: ['https'], require_protocol: true })
  @MaxLength(2_000)
  mediaUrl?: string;

  @ApiPropertyOptional({ type: String, format: 'date-time', description: 'The time it was scheduled for (the run was started to wait until then)' })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  publishAt?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  campaignId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  contentId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The run that composed the post' })
  @IsOptional()
  @IsUUID()
  composedByRunId?: string;

  @ApiPropertyOptional({ example: 'urn:li:organization:2414183' })
  @IsOptional()
  @Matches(LINKEDIN_AUTHOR, { message: 'linkedinAuthor must be urn:li:person:<id> or urn:li:organization:<id>' })
  linkedinAuthor?: string;

  @ApiPropertyOptional({ example: '104589372918273' })
  @IsOptional()
  @Matches(FACEBOOK_PAGE_ID, { message: 'facebookPageId must be a Facebook Page id (digits)' })
  facebookPageId?: string;

  @ApiPropertyOptional({ enum: TIKTOK_PRIVACY_LEVELS })
  @IsOptional()
  @IsIn(TIKTOK_PRIVACY_LEVELS)
  tiktokPrivacyLevel?: TikTokPrivacyLevel;

  @ApiPropertyOptional({ example: 'dQw4w9WgXcQ' })
  @IsOptional()
  @Matches(YOUTUBE_VIDEO_ID, { message: 'youtubeVideoId must be an 11-character YouTube video id' })
  youtubeVideoId?: string;
}
