import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { JSONSchema, targetConstructorToSchema } from 'class-validator-jsonschema';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsDefined,
  IsIn,
  IsInt,
  IsISO8601,
  IsNumber,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateBy,
  ValidateIf,
  ValidateNested,
} from 'class-validator';

export const COUPON_DURATIONS = ['once', 'repeating', 'forever'] as const;

/** A field that must be absent when `other` is present (Stripe answers 400 to both). */
const AbsentWith = (other: string) =>
  ValidateBy({
    name: 'absentWith',
    validator: {
      validate: (value, args) => value === undefined || (args?.object as Record<string, unknown>)[other] === undefined,
      defaultMessage: () => `give $property or ${other}, not both`,
    },
  });

export class ListRecentChargesInput {
  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 10 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;

  @ApiPropertyOptional({ example: 'cus_QfB4xT2m9LwK1a', description: 'Only this customer’s charges' })
  @IsOptional()
  @Matches(/^cus_[A-Za-z0-9]{1,64}$/, { message: 'customerId must be a Stripe customer id (cus_...)' })
  customerId?: string;

  @ApiPropertyOptional({ example: '2025-01-01T00:00:00Z', description: 'Only charges created at or after this instant' })
  @IsOptional()
  @IsISO8601({ strict: true })
  createdAfter?: string;
}

/** The account is the one the secret key belongs to; Stripe takes no filter, so the currency is filtered here. */
export class GetBalanceInput {
  @ApiPropertyOptional({ example: 'usd', description: 'Only this currency (ISO 4217, lower case)' })
  @IsOptional()
  @Matches(/^[a-z]{3}$/, { message: 'currency must be a lower-case ISO 4217 code' })
  currency?: string;
}

export class CreateCouponInput {
  @ApiProperty({ maxLength: 40, example: 'Spring sale 25%', description: 'Shown to customers on invoices and receipts' })
  @IsString()
  @MaxLength(40)
  @Matches(/\S/, { message: 'name must not be blank' })
  name!: string;

  @ApiPropertyOptional({ minimum: 0.01, maximum: 100, example: 25, description: 'Percent off; percentOff or amountOff is required' })
  @ValidateIf((dto: CreateCouponInput) => dto.percentOff !== undefined || dto.amountOff === undefined)
  @IsDefined({ message: 'percentOff or amountOff is required' })
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(0.01)
  @Max(100)
  percentOff?: number;

  @ApiPropertyOptional({ minimum: 1, example: 1000, description: 'Amount off in the currency’s minor unit (cents)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @AbsentWith('percentOff')
  amountOff?: number;

  @ApiPropertyOptional({ example: 'usd', description: 'ISO 4217, lower case; required with amountOff' })
  @ValidateIf((dto: CreateCouponInput) => dto.amountOff !== undefined || dto.currency !== undefined)
  @IsDefined({ message: 'currency is required with amountOff' })
  @Matches(/^[a-z]{3}$/, { message: 'currency must be a lower-case ISO 4217 code' })
  @AbsentWith('percentOff')
  currency?: string;

  @ApiProperty({ enum: COUPON_DURATIONS, example: 'once' })
  @IsIn(COUPON_DURATIONS)
  duration!: (typeof COUPON_DURATIONS)[number];

  @ApiPropertyOptional({ minimum: 1, maximum: 36, description: 'Required when duration is repeating' })
  @ValidateIf((dto: CreateCouponInput) => dto.duration === 'repeating' || dto.durationInMonths !== undefined)
  @IsDefined({ message: 'durationInMonths is required when duration is repeating' })
  @IsInt()
  @Min(1)
  @Max(36)
  @ValidateBy({
    name: 'onlyWhenRepeating',
    validator: {
      validate: (_value, args) => (args?.object as CreateCouponInput).duration === 'repeating',
      defaultMessage: () => 'durationInMonths applies only to duration repeating',
    },
  })
  durationInMonths?: number;

  @ApiPropertyOptional({ minimum: 1, example: 500 })
  @IsOptional()
  @IsInt()
  @Min(1)
  maxRedemptions?: number;

  @ApiPropertyOptional({ example: '2025-06-30T23:59:59Z', description: 'Last moment the coupon can be redeemed' })
  @IsOptional()
  @IsISO8601({ strict: true })
  redeemBy?: string;
}

export class PaymentLinkItemInput {
  @ApiProperty({ example: 'price_1QfB4xT2m9LwK1aZ' })
  @Matches(/^price_[A-Za-z0-9]{1,64}$/, { message: 'price must be a Stripe price id (price_...)' })
  price!: string;

  @ApiProperty({ minimum: 1, maximum: 999, example: 1 })
  @IsInt()
  @Min(1)
  @Max(999)
  quantity!: number;
}

export class CreatePaymentLinkInput {
  @ApiProperty({ type: [PaymentLinkItemInput], minItems: 1, maxItems: 20 })
  // The catalog's schema generator cannot see an array's item class through reflection; name it.
  @JSONSchema((schema) => ({ ...schema, items: targetConstructorToSchema(PaymentLinkItemInput) }))
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => PaymentLinkItemInput)
  lineItems!: PaymentLinkItemInput[];

  @ApiPropertyOptional({ description: 'Let buyers enter promotion codes (coupons created with create_coupon)' })
  @IsOptional()
  @IsBoolean()
  allowPromotionCodes?: boolean;

  @ApiPropertyOptional({ example: 'https://shop.example.com/thanks', description: 'Where buyers land after paying' })
  @IsOptional()
  @IsUrl({ protocols: ['https'], require_protocol: true })
  redirectUrl?: string;

  @ApiPropertyOptional({ maxLength: 100, example: 'spring-2025', description: 'Stored as metadata[campaign] for attribution' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  campaign?: string;
}
