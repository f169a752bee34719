import { Injectable } from '@nestjs/common';
import type { PageQuery } from '../../common/validation/page.query';
import { decodeCursor, encodeCursor } from '../../common/validation/page-cursor';
import type { ScheduleState } from './dto/schedule.response';
import { ScheduleTicks, type TickRecord } from './persistence/schedule-ticks';
import { type ScheduleRecord, SchedulesRepository } from './persistence/schedules.repository';
import { ScheduleNotFoundError } from './schedule-errors';
import { nextFireTimes } from './schedule-timing';

const DEFAULT_PAGE_SIZE = 20;
const NEXT_FIRE_TIMES = 3;
const RECENT_TICKS = 20;

/** Schedules as the organization reads them: each with its next fire times and its latest tick. */
@Injectable()
export class ScheduleQueries {
  constructor(private readonly schedules: SchedulesRepository, private readonly ticks: ScheduleTicks) {}

  /** Newest first, with cursor pagination. */
  async list(organizationId: string, query: PageQuery, now = new Date()): Promise<{ items: ScheduleState[]; nextCursor: string | null }> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const rows = await this.schedules.list(organizationId, { limit, ...(query.cursor ? { after: decodeCursor(query.cursor) } : {}) });
    const items = rows.slice(0, limit);
    const lastTicks = await this.ticks.latestOf(items.map((s) => s.id));
    const last = items[items.length - 1];
    return {
      items: items.map((schedule) => this.stateOf(schedule, lastTicks.get(schedule.id) ?? null, now)),
      nextCursor: rows.length > limit ? encodeCursor(last) : null,
    };
  }

  async get(organizationId: string, id: string, now = new Date()): Promise<{ state: ScheduleState; recentTicks: TickRecord[] }> {
    const schedule = await this.schedules.find(organizationId, id);
    if (!schedule) throw new ScheduleNotFoundError(id);
    const recentTicks = await this.ticks.recent(id, RECENT_TICKS);
    return { state: this.stateOf(schedule, recentTicks[0] ?? null, now), recentTicks };
  }

  /** A schedule as a write left it, for the write's answer. */
  async stateAfterWrite(schedule: ScheduleRecord, now = new Date()): Promise<ScheduleState> {
    return this.stateOf(schedule, (await this.ticks.latestOf([schedule.id])).get(schedule.id) ?? null, now);
  }

  private stateOf(schedule: ScheduleRecord, lastTick: TickRecord | null, now: Date): ScheduleState {
    return { schedule, lastTick, nextFireTimes: schedule.enabled ? nextFireTimes(schedule, NEXT_FIRE_TIMES, now) : [] };
  }
}
