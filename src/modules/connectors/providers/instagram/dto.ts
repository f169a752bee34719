import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsInt, IsOptional, IsString, IsUrl, Matches, Max, MaxLength, Min } from 'class-validator';

/** Instagram media and user ids are numeric strings. */
const MEDIA_ID = /^\d{10,25}$/;

export class PublishImageInput {
  @ApiProperty({ example: 'https://cdn.example.com/spring/linen-shirt.jpg', description: 'A public JPEG Instagram downloads (cURL-able, no redirects to login)' })
  @IsUrl({ protocols: ['https'], require_protocol: true })
  imageUrl!: string;

  @ApiPropertyOptional({ maxLength: 2200, example: 'Linen, lighter, made to last. #springstyle' })
  @IsOptional()
  @IsString()
  @MaxLength(2200)
  @Matches(/^(?:[^#]*#){0,30}[^#]*$/, { message: 'caption can carry at most 30 hashtags' })
  caption?: string;

  @ApiPropertyOptional({ type: [String], maxItems: 20, description: 'Instagram usernames to tag, without @' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @Matches(/^[A-Za-z0-9._]{1,30}$/, { each: true, message: 'each userTag must be an Instagram username without @' })
  userTags?: string[];
}

export class GetMediaInsightsInput {
  @ApiProperty({ example: '17895695668004550' })
  @Matches(MEDIA_ID, { message: 'mediaId must be an Instagram media id (digits)' })
  mediaId!: string;
}

export class ListRecentMediaInput {
  @ApiPropertyOptional({ minimum: 1, maximum: 50, default: 10 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(50)
  limit?: number;
}
