import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { MarketingLeadStatus } from '../../../generated/prisma/enums';
import { AUDIENCE_CHANNELS, type AudienceChannel } from '../channel-address';

/** One statement checks them all; a campaign larger than this is checked in batches by its caller. */
export const MAX_CHECKED_ADDRESSES = 1_000;
export const MAX_LISTED_RECIPIENTS = 1_000;
/** Who may be marketed to: an unsubscribed lead is never a recipient. */
export const REACHABLE_LEAD_STATUSES = Object.values(MarketingLeadStatus).filter((status) => status !== 'UNSUBSCRIBED');
export type ReachableLeadStatus = Exclude<MarketingLeadStatus, 'UNSUBSCRIBED'>;

export class SuppressedToolInput {
  @ApiProperty({ enum: AUDIENCE_CHANNELS })
  @IsIn(AUDIENCE_CHANNELS)
  channel!: AudienceChannel;

  @ApiProperty({ type: [String], minItems: 1, maxItems: MAX_CHECKED_ADDRESSES })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_CHECKED_ADDRESSES)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(320, { each: true })
  addresses!: string[];
}

export class RecipientsToolInput {
  @ApiProperty({ enum: AUDIENCE_CHANNELS })
  @IsIn(AUDIENCE_CHANNELS)
  channel!: AudienceChannel;

  @ApiProperty({ enum: REACHABLE_LEAD_STATUSES })
  @IsIn(REACHABLE_LEAD_STATUSES)
  status!: ReachableLeadStatus;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_LISTED_RECIPIENTS, default: 100 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_LISTED_RECIPIENTS)
  limit?: number;
}
