import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsDefined, IsIn, IsInt, IsISO8601, IsNumber, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateBy, ValidateIf } from 'class-validator';

export const FINANCIAL_STATUSES = ['authorized', 'paid', 'partially_paid', 'partially_refunded', 'pending', 'refunded', 'voided'] as const;

/** A product's GraphQL id, or the numeric id the admin shows in its URLs. */
export const PRODUCT_ID = /^(gid:\/\/shopify\/Product\/)?\d{1,20}$/;

export class ListRecentOrdersInput {
  @ApiPropertyOptional({ minimum: 1, maximum: 50, default: 10 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(50)
  first?: number;

  @ApiPropertyOptional({ example: '2025-01-01T00:00:00Z', description: 'Orders older than 60 days also need the read_all_orders scope' })
  @IsOptional()
  @IsISO8601({ strict: true })
  createdAfter?: string;

  @ApiPropertyOptional({ enum: FINANCIAL_STATUSES })
  @IsOptional()
  @IsIn(FINANCIAL_STATUSES)
  financialStatus?: (typeof FINANCIAL_STATUSES)[number];
}

export class GetProductInput {
  @ApiProperty({ example: 'gid://shopify/Product/8001234567890' })
  @IsString()
  @Matches(PRODUCT_ID, { message: 'productId must be gid://shopify/Product/<id> or a numeric id' })
  productId!: string;
}

export class CreateDiscountCodeInput {
  @ApiProperty({ maxLength: 255, example: 'Spring newsletter 20%' })
  @IsString()
  @MaxLength(255)
  @Matches(/\S/, { message: 'title must not be blank' })
  title!: string;

  @ApiProperty({ example: 'SPRING20', description: 'What buyers type at checkout: letters, digits, - and _' })
  @Matches(/^[A-Za-z0-9_-]{3,255}$/, { message: 'code must be 3 to 255 letters, digits, - or _' })
  code!: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, example: 20, description: 'Percent off the order; percentage or amountOff is required' })
  @ValidateIf((dto: CreateDiscountCodeInput) => dto.percentage !== undefined || dto.amountOff === undefined)
  @IsDefined({ message: 'percentage or amountOff is required' })
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(1)
  @Max(100)
  percentage?: number;

  @ApiPropertyOptional({ minimum: 0.01, example: 10, description: 'Fixed amount off the order, in the shop currency' })
  @IsOptional()
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(0.01)
  @ValidateBy({
    name: 'absentWithPercentage',
    validator: {
      validate: (value, args) => value === undefined || (args?.object as CreateDiscountCodeInput).percentage === undefined,
      defaultMessage: () => 'give percentage or amountOff, not both',
    },
  })
  amountOff?: number;

  @ApiProperty({ example: '2025-03-01T00:00:00Z' })
  @IsISO8601({ strict: true })
  startsAt!: string;

  @ApiPropertyOptional({ example: '2025-03-31T23:59:59Z' })
  @IsOptional()
  @IsISO8601({ strict: true })
  @ValidateBy({
    name: 'afterStart',
    validator: {
      validate: (value, args) => Date.parse(String(value)) > Date.parse((args?.object as CreateDiscountCodeInput).startsAt),
      defaultMessage: () => 'endsAt must be after startsAt',
    },
  })
  endsAt?: string;

  @ApiPropertyOptional({ minimum: 1, example: 500, description: 'Total uses across all buyers' })
  @IsOptional()
  @IsInt()
  @Min(1)
  usageLimit?: number;

  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @IsBoolean()
  appliesOncePerCustomer?: boolean;
}
