import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { PageQuery } from '../../../common/validation/page.query';
import type { EditorialStatus } from '../../../generated/prisma/enums';
import { EDITORIAL_CHANNELS, EDITORIAL_FORMATS, type EditorialChannel, type EditorialFormat, MAX_BRIEF, MAX_TITLE } from '../editorial-draft.dto';
import { EDITORIAL_STATUSES } from '../editorial-transitions';
import type { EditorialEntryRecord } from '../persistence/editorial-entries.repository';
import { IsCalendarDay, IsOmittable, Tidy } from './fields';

/** A person's entry starts PROPOSED (to be reviewed like the agent's) or PLANNED. */
export const CREATE_STATUSES = ['PROPOSED', 'PLANNED'] as const;

export class CreateEditorialEntryDto {
  @ApiProperty({ maxLength: MAX_TITLE, example: 'Cold brew at home: the 18-hour method' })
  @Tidy()
  @IsString()
  @IsNotEmpty()
  @MaxLength(MAX_TITLE)
  title!: string;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: MAX_BRIEF })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_BRIEF)
  brief?: string | null;

  @ApiProperty({ enum: EDITORIAL_FORMATS })
  @IsIn(EDITORIAL_FORMATS)
  format!: EditorialFormat;

  @ApiPropertyOptional({ enum: EDITORIAL_CHANNELS, nullable: true })
  @IsOptional()
  @IsIn(EDITORIAL_CHANNELS)
  channel?: EditorialChannel | null;

  @ApiProperty({ example: '2027-01-07', description: 'The day it is planned for (YYYY-MM-DD)' })
  @IsCalendarDay()
  plannedFor!: string;

  @ApiPropertyOptional({ enum: CREATE_STATUSES, default: 'PLANNED' })
  @IsOptional()
  @IsIn(CREATE_STATUSES)
  status?: (typeof CREATE_STATUSES)[number];

  @ApiPropertyOptional({ format: 'uuid', description: "One of the organization's keywords; the entry takes its brand unless brandId is given" })
  @IsOptional()
  @IsUUID()
  keywordId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: "One of the organization's brands" })
  @IsOptional()
  @IsUUID()
  brandId?: string;
}

/** PATCH: only the fields sent change; null clears brief or channel. A status must be a valid move (409 otherwise). */
export class UpdateEditorialEntryDto {
  @ApiPropertyOptional({ maxLength: MAX_TITLE })
  @IsOmittable()
  @Tidy()
  @IsString()
  @IsNotEmpty()
  @MaxLength(MAX_TITLE)
  title?: string;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: MAX_BRIEF })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_BRIEF)
  brief?: string | null;

  @ApiPropertyOptional({ enum: EDITORIAL_FORMATS })
  @IsOmittable()
  @IsIn(EDITORIAL_FORMATS)
  format?: EditorialFormat;

  @ApiPropertyOptional({ enum: EDITORIAL_CHANNELS, nullable: true })
  @IsOptional()
  @IsIn(EDITORIAL_CHANNELS)
  channel?: EditorialChannel | null;

  @ApiPropertyOptional({ example: '2027-01-14' })
  @IsOmittable()
  @IsCalendarDay()
  plannedFor?: string;

  @ApiPropertyOptional({ enum: EDITORIAL_STATUSES, description: 'PROPOSED -> PLANNED -> IN_PROGRESS -> DONE, one step at a time; any status but DROPPED -> DROPPED' })
  @IsOmittable()
  @IsIn(EDITORIAL_STATUSES)
  status?: EditorialStatus;
}

export class ListEditorialEntriesQuery extends PageQuery {
  @ApiPropertyOptional({ enum: EDITORIAL_STATUSES })
  @IsOptional()
  @IsIn(EDITORIAL_STATUSES)
  status?: EditorialStatus;

  @ApiPropertyOptional({ example: '2027-01-01', description: 'Planned on or after this day' })
  @IsOptional()
  @IsCalendarDay()
  from?: string;

  @ApiPropertyOptional({ example: '2027-01-31', description: 'Planned on or before this day' })
  @IsOptional()
  @IsCalendarDay()
  to?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  keywordId?: string;
}

export class EditorialEntryResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() title!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) brief!: string | null;
  @ApiProperty({ enum: EDITORIAL_FORMATS }) format!: string;
  @ApiPropertyOptional({ enum: EDITORIAL_CHANNELS, nullable: true }) channel!: string | null;
  @ApiProperty({ example: '2027-01-07', description: 'YYYY-MM-DD' }) plannedFor!: string;
  @ApiProperty({ enum: EDITORIAL_STATUSES }) status!: EditorialStatus;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) keywordId!: string | null;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) brandId!: string | null;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) campaignId!: string | null;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'The run that proposed it; null for a person\'s entry' }) runId!: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt!: string;
}

export class EditorialEntryPage {
  @ApiProperty({ type: [EditorialEntryResponse] }) items!: EditorialEntryResponse[];
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Pass as cursor for the next page; null on the last page' }) nextCursor!: string | null;
}

export function toEditorialEntryResponse(e: EditorialEntryRecord): EditorialEntryResponse {
  return {
    id: e.id,
    title: e.title,
    brief: e.brief,
    format: e.format,
    channel: e.channel,
    plannedFor: e.plannedFor.toISOString().slice(0, 10),
    status: e.status,
    keywordId: e.keywordId,
    brandId: e.brandId,
    campaignId: e.campaignId,
    runId: e.runId,
    createdAt: e.createdAt.toISOString(),
    updatedAt: e.updatedAt.toISOString(),
  };
}
