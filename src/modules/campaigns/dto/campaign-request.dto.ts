import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsEmail,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { PageQuery } from '../../../common/validation/page.query';

export const CAMPAIGN_CHANNELS = ['email', 'social', 'sms'] as const;
export type CampaignChannel = (typeof CAMPAIGN_CHANNELS)[number];
export const CONTENT_FORMATS = ['blog_post', 'landing_page', 'newsletter'] as const;
export const SOCIAL_NETWORKS = ['x', 'linkedin', 'facebook', 'instagram', 'tiktok', 'youtube'] as const;
export const CAMPAIGN_STATUSES = ['DRAFT', 'LAUNCHING', 'ACTIVE', 'COMPLETED', 'FAILED'] as const;

/** Who the campaign reaches: addresses for email, E.164 numbers for SMS. */
export class CampaignAudienceDto {
  @ApiPropertyOptional({ type: [String], example: ['ana@example.com'], description: 'Email recipients (up to 1,000)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @ArrayUnique()
  @IsEmail({}, { each: true })
  emails?: string[];

  @ApiPropertyOptional({ type: [String], example: ['+14155550100'], description: 'SMS recipients in E.164 (up to 1,000)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @ArrayUnique()
  @Matches(/^\+[1-9]\d{7,14}$/, { each: true, message: 'each phone must be E.164 (+ and 8 to 15 digits)' })
  phones?: string[];
}

/** How each step of the launch works. */
export class CampaignSettingsDto {
  @ApiPropertyOptional({ enum: CONTENT_FORMATS, default: 'newsletter', description: 'What the content step drafts' })
  @IsOptional()
  @IsIn(CONTENT_FORMATS)
  contentFormat?: (typeof CONTENT_FORMATS)[number];

  @ApiPropertyOptional({ enum: SOCIAL_NETWORKS, isArray: true, example: ['x', 'linkedin'], description: 'Networks of the social step' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(SOCIAL_NETWORKS, { each: true })
  networks?: (typeof SOCIAL_NETWORKS)[number][];

  @ApiPropertyOptional({ example: 'https://cdn.example.com/spring.jpg', description: 'Image or video for the posts (Instagram needs an image, TikTok a video)' })
  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true })
  @MaxLength(2000)
  mediaUrl?: string;
}

export class CreateCampaignDto {
  @ApiProperty({ example: 'Spring single origins' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiProperty({ example: 'Sell out the spring single-origin release to subscribers within two weeks' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  goal!: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  brandId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The audience persona the content is written for' })
  @IsOptional()
  @IsUUID()
  personaId?: string;

  @ApiProperty({ enum: CAMPAIGN_CHANNELS, isArray: true, example: ['email', 'social'], description: 'Channels the launch works on, after the content step' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(CAMPAIGN_CHANNELS, { each: true })
  channels!: CampaignChannel[];

  @ApiPropertyOptional({ type: CampaignAudienceDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => CampaignAudienceDto)
  audience?: CampaignAudienceDto;

  @ApiPropertyOptional({ type: CampaignSettingsDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => CampaignSettingsDto)
  settings?: CampaignSettingsDto;
}

/** A person's edit before launch; every field optional. */
export class UpdateCampaignDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @IsNotEmpty() @MaxLength(200) name?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @IsNotEmpty() @MaxLength(2000) goal?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() brandId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() personaId?: string;

  @ApiPropertyOptional({ enum: CAMPAIGN_CHANNELS, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(CAMPAIGN_CHANNELS, { each: true })
  channels?: CampaignChannel[];

  @ApiPropertyOptional({ type: CampaignAudienceDto }) @IsOptional() @ValidateNested() @Type(() => CampaignAudienceDto) audience?: CampaignAudienceDto;
  @ApiPropertyOptional({ type: CampaignSettingsDto }) @IsOptional() @ValidateNested() @Type(() => CampaignSettingsDto) settings?: CampaignSettingsDto;
}

export class ListCampaignsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: CAMPAIGN_STATUSES })
  @IsOptional()
  @IsIn(CAMPAIGN_STATUSES)
  status?: (typeof CAMPAIGN_STATUSES)[number];

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  brandId?: string;
}
