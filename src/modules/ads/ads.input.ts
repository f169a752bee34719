import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn, IsNumber, IsOptional, Matches, Max, Min } from 'class-validator';

/**
 * The periods the ads agent judges over: whole days, so a day's spend is the period's over its
 * days (TODAY, THIS_MONTH and LAST_MONTH are partial or of varying length).
 */
export const ADS_DATE_RANGES = ['YESTERDAY', 'LAST_7_DAYS', 'LAST_14_DAYS', 'LAST_30_DAYS'] as const;
export type AdsDateRange = (typeof ADS_DATE_RANGES)[number];
export const DAYS_IN: Record<AdsDateRange, number> = { YESTERDAY: 1, LAST_7_DAYS: 7, LAST_14_DAYS: 14, LAST_30_DAYS: 30 };

export const CUSTOMER_ID = /^\d{3}-?\d{3}-?\d{4}$/;

export class AdsInput {
  @ApiProperty({ example: '123-456-7890', description: 'The Google Ads account (10 digits, dashes optional)' })
  @Matches(CUSTOMER_ID, { message: 'customerId must be a 10-digit Google Ads customer id' })
  customerId!: string;

  @ApiPropertyOptional({ type: [String], maxItems: 50, example: ['21987654321'], description: "Only these campaigns; default: the account's campaigns" })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ArrayUnique()
  @Matches(/^\d{1,19}$/, { each: true, message: 'each campaignId must be a numeric campaign id' })
  campaignIds?: string[];

  @ApiPropertyOptional({ example: 20, minimum: 0.01, description: "The cost per conversion to steer to, in the account's currency; default: the configuration's settings.targetCpa" })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 2 })
  @Min(0.01)
  @Max(1_000_000)
  targetCpa?: number;

  @ApiPropertyOptional({ enum: ADS_DATE_RANGES, default: 'LAST_7_DAYS', description: 'The period judged' })
  @IsOptional()
  @IsIn(ADS_DATE_RANGES)
  dateRange?: AdsDateRange;
}
