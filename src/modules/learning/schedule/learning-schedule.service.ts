import { Injectable } from '@nestjs/common';
import type { Owner } from '../../api-keys/api-keys.service';
import type { ScheduleRecord } from '../../schedules/persistence/schedules.repository';
import { SchedulesService } from '../../schedules/schedules.service';
import type { LearningScheduleDto } from '../dto/learning-schedule.dto';
import { LEARNING_AGENT } from '../learning.agent';

/** Mondays at 05:00 in the schedule's time zone: the week's sends start from last week's lessons. */
export const WEEKLY_LEARNING_CRON = '0 5 * * 1';
/** What tells the organization's weekly tuning apart from any other learning schedule. */
export const WEEKLY_LEARNING_INTENT = 'weekly agent tuning';

/** The organization's weekly tuning: one schedule, kept by the schedules module. */
@Injectable()
export class LearningScheduleService {
  constructor(private readonly schedules: SchedulesService) {}

  /** Created when absent, else the existing one as it is (its time zone and input included). */
  ensureWeekly(caller: Owner, dto: LearningScheduleDto): Promise<{ schedule: ScheduleRecord; created: boolean }> {
    const { timezone, ...input } = dto;
    return this.schedules.ensure(caller, { agent: LEARNING_AGENT, intent: WEEKLY_LEARNING_INTENT, cron: WEEKLY_LEARNING_CRON, timezone: timezone ?? 'UTC', input, overlap: 'skip' });
  }
}
