import { ApiProperty } from '@nestjs/swagger';
import { IsDivisibleBy, IsInt, IsUUID, Matches, Max, Min } from 'class-validator';
import { CUSTOMER_ID } from './ads.input';
import { BUDGET_UNIT_MICROS } from './budget-rules';

/** One approved budget change, as the ads agent hands it to the stage that applies it. */
export class BudgetExecuteInput {
  @ApiProperty({ format: 'uuid', description: 'The BudgetChange row the ads agent named' })
  @IsUUID()
  budgetChangeId!: string;

  @ApiProperty({ example: '123-456-7890' })
  @Matches(CUSTOMER_ID, { message: 'customerId must be a 10-digit Google Ads customer id' })
  customerId!: string;

  @ApiProperty({ example: '21987654321' })
  @Matches(/^\d{1,19}$/, { message: 'campaignId must be a numeric campaign id' })
  campaignId!: string;

  @ApiProperty({ example: 150_000_000, description: 'The daily budget the change was proposed against: applied only if it still is' })
  @IsInt()
  @Min(BUDGET_UNIT_MICROS)
  @Max(Number.MAX_SAFE_INTEGER)
  beforeMicros!: number;

  @ApiProperty({ example: 165_000_000, description: 'The daily budget to set, in whole cents' })
  @IsInt()
  @Min(BUDGET_UNIT_MICROS)
  @Max(Number.MAX_SAFE_INTEGER)
  @IsDivisibleBy(BUDGET_UNIT_MICROS, { message: 'afterMicros must be a whole number of cents (a multiple of 10,000 micros)' })
  afterMicros!: number;
}
