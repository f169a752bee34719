import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsDate, IsIn, IsOptional, IsString, IsUrl, IsUUID, MaxLength, ValidateIf } from 'class-validator';
import { PageQuery } from '../../../common/validation/page.query';
import { IsStorableTimestamp } from '../../../common/validation/storable-timestamp';
import { SocialPostStatus } from '../../../generated/prisma/enums';
import { FACEBOOK_MAX_TEXT_LENGTH, SOCIAL_NETWORKS, type SocialNetwork, YOUTUBE_MAX_TITLE_LENGTH } from '../network-rules';

const STATUSES = Object.values(SocialPostStatus);
const upper = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.toUpperCase() : value);
const lower = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.toLowerCase() : value);

export class ListSocialPostsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: STATUSES })
  @IsOptional()
  @Transform(upper)
  @IsIn(STATUSES)
  status?: SocialPostStatus;

  @ApiPropertyOptional({ enum: SOCIAL_NETWORKS })
  @IsOptional()
  @Transform(lower)
  @IsIn(SOCIAL_NETWORKS)
  network?: SocialNetwork;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  campaignId?: string;
}

/** For fields whose column cannot be null: absent is fine, null is a 400. */
function IsOmittable(): PropertyDecorator {
  return ValidateIf((_, value: unknown) => value !== undefined);
}

/** PATCH: only the fields sent change, checked with the rest of the post against its network's rules; null clears title, mediaUrl or publishAt. */
export class UpdateSocialPostDto {
  @ApiPropertyOptional({ maxLength: FACEBOOK_MAX_TEXT_LENGTH, description: "The post's text (its network's own limit applies)" })
  @IsOmittable()
  @IsString()
  @MaxLength(FACEBOOK_MAX_TEXT_LENGTH)
  body?: string;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: YOUTUBE_MAX_TITLE_LENGTH })
  @IsOptional()
  @IsString()
  @MaxLength(YOUTUBE_MAX_TITLE_LENGTH)
  title?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, format: 'uri' })
  @IsOptional()
  @IsUrl({ protocols: ['https'], require_protocol: true })
  @MaxLength(2_000)
  mediaUrl?: string | null;

  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true, description: 'A scheduled post can be moved later, not earlier: its publication waits queued until the time it was scheduled for' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  @IsStorableTimestamp()
  publishAt?: Date | null;
}
