import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsNotEmpty, IsObject, IsOptional, IsString, MaxLength, ValidateIf } from 'class-validator';

/** For PATCH fields whose column cannot be null: absent is fine, null is a 400 (IsOptional would let it through to a NOT NULL column). */
function IsOmittable(): PropertyDecorator {
  return ValidateIf((_, value: unknown) => value !== undefined);
}

export const OVERLAPS = ['skip', 'allow'] as const;
export type Overlap = (typeof OVERLAPS)[number];

const CRON_DESCRIPTION =
  'When it fires: 5 fields (minute hour day-of-month month day-of-week) or 6 (second first), read in `timezone`; two fire times may not be closer than the configured minimum (SCHEDULE_MIN_INTERVAL_SECONDS)';
const OVERLAP_DESCRIPTION = 'skip: a tick while the previous run is unfinished (waiting included) starts nothing and is recorded SKIPPED; allow: every tick starts a run';

export class CreateScheduleDto {
  @ApiProperty({ example: 'echo', description: 'Name of a registered agent (GET /v1/agents)' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  agent!: string;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, example: { message: 'weekly report' }, description: "Each run's input, validated against the agent's input schema now and at every tick" })
  @IsOptional()
  @IsObject()
  input?: Record<string, unknown>;

  @ApiPropertyOptional({ example: 'weekly SEO report', description: 'Recorded on each run' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  intent?: string;

  @ApiProperty({ example: '0 9 * * 2', description: CRON_DESCRIPTION })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  cron!: string;

  @ApiPropertyOptional({ example: 'America/New_York', default: 'UTC', description: 'IANA time zone the cron is read in (daylight saving included)' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  timezone?: string;

  @ApiPropertyOptional({ enum: OVERLAPS, default: 'skip', description: OVERLAP_DESCRIPTION })
  @IsOptional()
  @IsIn(OVERLAPS)
  overlap?: Overlap;

  @ApiPropertyOptional({ default: true, description: 'A disabled schedule does not fire' })
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;
}

/** PATCH: only the fields sent change; null clears intent. */
export class UpdateScheduleDto {
  @ApiPropertyOptional({ example: 'echo' })
  @IsOmittable()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  agent?: string;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true })
  @IsOmittable()
  @IsObject()
  input?: Record<string, unknown>;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  intent?: string | null;

  @ApiPropertyOptional({ example: '0 9 * * 2', description: CRON_DESCRIPTION })
  @IsOmittable()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  cron?: string;

  @ApiPropertyOptional({ example: 'Europe/Paris' })
  @IsOmittable()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  timezone?: string;

  @ApiPropertyOptional({ enum: OVERLAPS, description: OVERLAP_DESCRIPTION })
  @IsOmittable()
  @IsIn(OVERLAPS)
  overlap?: Overlap;

  @ApiPropertyOptional({ description: 'false removes its scheduler until it is enabled again' })
  @IsOmittable()
  @IsBoolean()
  enabled?: boolean;
}
