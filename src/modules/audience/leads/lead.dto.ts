import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsNotEmpty, IsOptional, IsString, IsTimeZone, IsUUID, MaxLength } from 'class-validator';
import { MarketingLeadStatus } from '../../../generated/prisma/enums';
import { PageQuery } from '../../../common/validation/page.query';
import { IsOmittable, IsSmallJsonObject } from '../../brands/dto/fields';
import type { LeadRecord } from './leads.repository';

const STATUSES = Object.values(MarketingLeadStatus);
const upper = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.toUpperCase() : value);
const ATTRIBUTES_BYTES = 8_192;

export class CreateLeadDto {
  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 320, example: 'jane@example.com', description: 'Email or phone (or both) is required; stored lower-cased' })
  @IsOptional()
  @IsString()
  @MaxLength(320)
  email?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 32, example: '+14155550100', description: 'E.164: + and the country code' })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  phone?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 200 })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name?: string | null;

  @ApiPropertyOptional({ default: 'UTC', example: 'Europe/Paris', description: 'IANA time zone: quiet hours are kept in it' })
  @IsOmittable()
  @IsTimeZone()
  timezone?: string;

  @ApiPropertyOptional({ enum: STATUSES, default: 'NEW', description: 'UNSUBSCRIBED also suppresses its addresses' })
  @IsOmittable()
  @Transform(upper)
  @IsIn(STATUSES)
  status?: MarketingLeadStatus;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: "One of the organization's personas" })
  @IsOptional()
  @IsUUID()
  personaId?: string | null;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: `Free-form facts (at most ${ATTRIBUTES_BYTES} bytes of JSON)` })
  @IsOmittable()
  @IsSmallJsonObject(ATTRIBUTES_BYTES)
  attributes?: Record<string, unknown>;
}

/** PATCH: only the fields sent change; null clears email, phone, name or persona. */
export class UpdateLeadDto extends CreateLeadDto {}

export class ListLeadsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: STATUSES })
  @IsOptional()
  @Transform(upper)
  @IsIn(STATUSES)
  status?: MarketingLeadStatus;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  personaId?: string;

  @ApiPropertyOptional({ maxLength: 320, description: 'Only the lead with this email' })
  @IsOptional()
  @IsString()
  @MaxLength(320)
  email?: string;
}

export class LeadView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) email!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) phone!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) name!: string | null;
  @ApiProperty({ example: 'Europe/Paris' }) timezone!: string;
  @ApiProperty({ enum: STATUSES }) status!: MarketingLeadStatus;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) personaId!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) attributes!: Record<string, unknown>;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt!: string;
}

export class LeadPageView {
  @ApiProperty({ type: [LeadView] }) items!: LeadView[];
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Pass as cursor for the next page; null on the last page' }) nextCursor!: string | null;
}

export function toLeadView(lead: LeadRecord): LeadView {
  return {
    id: lead.id,
    email: lead.email,
    phone: lead.phone,
    name: lead.name,
    timezone: lead.timezone,
    status: lead.status,
    personaId: lead.personaId,
    attributes: lead.attributes,
    createdAt: lead.createdAt.toISOString(),
    updatedAt: lead.updatedAt.toISOString(),
  };
}
