import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { TickRecord } from '../persistence/schedule-ticks';
import type { ScheduleRecord } from '../persistence/schedules.repository';
import { OVERLAPS, type Overlap } from './schedule-request.dto';

export class ScheduleTickView {
  @ApiProperty({ type: String, format: 'date-time', description: 'The fire time this tick was scheduled for' }) tickAt!: string;
  @ApiProperty({ enum: ['STARTED', 'SKIPPED', 'FAILED'], description: 'STARTED a run; SKIPPED (overlap skip, the previous run unfinished); FAILED to submit (reason says why)' })
  outcome!: 'STARTED' | 'SKIPPED' | 'FAILED';
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'The run it started' }) runId!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Why it skipped or failed' }) reason!: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) recordedAt!: string;
}

export class ScheduleView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'echo' }) agent!: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) input!: Record<string, unknown>;
  @ApiPropertyOptional({ type: String, nullable: true }) intent!: string | null;
  @ApiProperty({ example: '0 9 * * 2' }) cron!: string;
  @ApiProperty({ example: 'America/New_York' }) timezone!: string;
  @ApiProperty({ enum: OVERLAPS }) overlap!: Overlap;
  @ApiProperty() enabled!: boolean;
  @ApiProperty({ type: [String], format: 'date-time', description: 'The next fire times (3), in UTC; empty while disabled' }) nextFireTimes!: string[];
  @ApiPropertyOptional({ type: ScheduleTickView, nullable: true, description: 'Its latest tick; null if it never fired' }) lastTick!: ScheduleTickView | null;
  @ApiProperty({ format: 'uuid', description: 'The user its runs are submitted as: its creator' }) createdBy!: string;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt!: string;
}

export class ScheduleDetailView extends ScheduleView {
  @ApiProperty({ type: [ScheduleTickView], description: 'Its latest ticks, newest first' }) recentTicks!: ScheduleTickView[];
}

export class SchedulePage {
  @ApiProperty({ type: [ScheduleView] }) items!: ScheduleView[];
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Pass as cursor for the next page; null on the last page' }) nextCursor!: string | null;
}

/** A schedule as the API shows it, with what is computed or read beside its row. */
export interface ScheduleState {
  schedule: ScheduleRecord;
  nextFireTimes: Date[];
  lastTick: TickRecord | null;
}

export function toScheduleView({ schedule, nextFireTimes, lastTick }: ScheduleState): ScheduleView {
  return {
    id: schedule.id,
    agent: schedule.agentName,
    input: schedule.input as Record<string, unknown>,
    intent: schedule.intent,
    cron: schedule.cron,
    timezone: schedule.timezone,
    overlap: schedule.overlap === 'SKIP' ? 'skip' : 'allow',
    enabled: schedule.enabled,
    nextFireTimes: nextFireTimes.map((t) => t.toISOString()),
    lastTick: lastTick ? toTickView(lastTick) : null,
    createdBy: schedule.userId,
    createdAt: schedule.createdAt.toISOString(),
    updatedAt: schedule.updatedAt.toISOString(),
  };
}

export function toScheduleDetailView(state: ScheduleState, recentTicks: TickRecord[]): ScheduleDetailView {
  return { ...toScheduleView(state), recentTicks: recentTicks.map(toTickView) };
}

function toTickView(tick: TickRecord): ScheduleTickView {
  return { tickAt: tick.tickAt.toISOString(), outcome: tick.outcome, runId: tick.runId, reason: tick.reason, recordedAt: tick.createdAt.toISOString() };
}
