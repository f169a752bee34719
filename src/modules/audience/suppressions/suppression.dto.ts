import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { SuppressionReason } from '../../../generated/prisma/enums';
import { PageQuery } from '../../../common/validation/page.query';
import { AUDIENCE_CHANNELS, type AudienceChannel } from '../channel-address';
import type { SuppressionRecord } from './suppressions.repository';

const REASONS = Object.values(SuppressionReason);
const upper = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.toUpperCase() : value);

export class CreateSuppressionDto {
  @ApiProperty({ enum: AUDIENCE_CHANNELS, example: 'EMAIL' })
  @Transform(upper)
  @IsIn(AUDIENCE_CHANNELS)
  channel!: AudienceChannel;

  @ApiProperty({ maxLength: 320, example: 'jane@example.com', description: 'An email address (EMAIL) or an E.164 phone number (SMS, WHATSAPP); stored normalized' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(320)
  address!: string;

  @ApiPropertyOptional({ enum: REASONS, default: 'MANUAL' })
  @IsOptional()
  @Transform(upper)
  @IsIn(REASONS)
  reason?: SuppressionReason;

  @ApiPropertyOptional({ maxLength: 200, example: 'support ticket 4711', description: 'Where the request came from' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  source?: string;
}

export class ListSuppressionsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: AUDIENCE_CHANNELS })
  @IsOptional()
  @Transform(upper)
  @IsIn(AUDIENCE_CHANNELS)
  channel?: AudienceChannel;

  @ApiPropertyOptional({ enum: REASONS })
  @IsOptional()
  @Transform(upper)
  @IsIn(REASONS)
  reason?: SuppressionReason;

  @ApiPropertyOptional({ maxLength: 320, description: 'Only this address (compared case-insensitively): is it suppressed?' })
  @IsOptional()
  @IsString()
  @MaxLength(320)
  address?: string;
}

export class SuppressionView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: AUDIENCE_CHANNELS }) channel!: AudienceChannel;
  @ApiProperty({ example: 'jane@example.com' }) address!: string;
  @ApiProperty({ enum: REASONS }) reason!: SuppressionReason;
  @ApiPropertyOptional({ type: String, nullable: true }) source!: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: string;
}

export class SuppressionPageView {
  @ApiProperty({ type: [SuppressionView] }) items!: SuppressionView[];
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Pass as cursor for the next page; null on the last page' }) nextCursor!: string | null;
}

export function toSuppressionView(row: SuppressionRecord): SuppressionView {
  return { id: row.id, channel: row.channel, address: row.address, reason: row.reason, source: row.source, createdAt: row.createdAt.toISOString() };
}
