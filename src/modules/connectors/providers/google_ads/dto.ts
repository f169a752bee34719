import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn, IsOptional, Matches } from 'class-validator';

/** The 10-digit customer id, with or without the dashes the Ads UI shows (123-456-7890). */
const CUSTOMER_ID = /^\d{3}-?\d{3}-?\d{4}$/;
const CUSTOMER_ID_MESSAGE = { message: 'customerId must be a 10-digit Google Ads customer id' };
const CAMPAIGN_ID = /^\d{1,19}$/;
/** GAQL's predefined date ranges (segments.date DURING ...). */
export const DATE_RANGES = ['TODAY', 'YESTERDAY', 'LAST_7_DAYS', 'LAST_14_DAYS', 'LAST_30_DAYS', 'THIS_MONTH', 'LAST_MONTH'] as const;

export class GetCampaignMetricsInput {
  @ApiProperty({ example: '123-456-7890' })
  @Matches(CUSTOMER_ID, CUSTOMER_ID_MESSAGE)
  customerId!: string;

  @ApiPropertyOptional({ enum: DATE_RANGES, default: 'LAST_7_DAYS' })
  @IsOptional()
  @IsIn(DATE_RANGES)
  dateRange?: (typeof DATE_RANGES)[number];

  @ApiPropertyOptional({ type: [String], maxItems: 50, example: ['21987654321'], description: 'Only these campaigns (all enabled and paused campaigns when omitted)' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ArrayUnique()
  @Matches(CAMPAIGN_ID, { each: true, message: 'each campaignId must be a numeric campaign id' })
  campaignIds?: string[];
}

export class PauseCampaignInput {
  @ApiProperty({ example: '123-456-7890' })
  @Matches(CUSTOMER_ID, CUSTOMER_ID_MESSAGE)
  customerId!: string;

  @ApiProperty({ example: '21987654321' })
  @Matches(CAMPAIGN_ID, { message: 'campaignId must be a numeric campaign id' })
  campaignId!: string;
}
