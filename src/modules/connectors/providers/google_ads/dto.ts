import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsDivisibleBy, IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';

/** The 10-digit customer id, with or without the dashes the Ads UI shows (123-456-7890). */
const CUSTOMER_ID = /^\d{3}-?\d{3}-?\d{4}$/;
const CUSTOMER_ID_MESSAGE = { message: 'customerId must be a 10-digit Google Ads customer id' };
const CAMPAIGN_ID = /^\d{1,19}$/;
const CAMPAIGN_ID_MESSAGE = { message: 'campaignId must be a numeric campaign id' };
/** Google Ads takes budgets in whole units of the currency's smallest coin: a cent is 10,000 micros. */
export const BUDGET_UNIT_MICROS = 10_000;
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

/** One campaign of one account: what pause_campaign and get_campaign_budget name. */
export class CampaignRefInput {
  @ApiProperty({ example: '123-456-7890' })
  @Matches(CUSTOMER_ID, CUSTOMER_ID_MESSAGE)
  customerId!: string;

  @ApiProperty({ example: '21987654321' })
  @Matches(CAMPAIGN_ID, CAMPAIGN_ID_MESSAGE)
  campaignId!: string;
}

export class PauseCampaignInput extends CampaignRefInput {}

export class GetCampaignBudgetInput extends CampaignRefInput {}

export class UpdateCampaignBudgetInput extends CampaignRefInput {
  @ApiProperty({ example: 150_000_000, minimum: BUDGET_UNIT_MICROS, description: 'The new daily budget in micros of the account currency (150,000,000 = 150.00), a multiple of 10,000' })
  @IsInt()
  @Min(BUDGET_UNIT_MICROS)
  // Above 2^53 a JSON number is no longer an exact integer.
  @Max(Number.MAX_SAFE_INTEGER)
  @IsDivisibleBy(BUDGET_UNIT_MICROS, { message: 'amountMicros must be a whole number of cents (a multiple of 10,000 micros)' })
  amountMicros!: number;
}
