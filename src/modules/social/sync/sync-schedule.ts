import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { Owner } from '../../api-keys/api-keys.service';
import type { ScheduleState } from '../../schedules/dto/schedule.response';
import { ScheduleQueries } from '../../schedules/schedule-queries';
import { SchedulesService } from '../../schedules/schedules.service';
import { DEFAULT_SYNC_DAYS } from './social-sync.input';
import { SOCIAL_SYNC_AGENT } from './social-sync.agent';

/**
 * The organization's hourly metrics sync: a schedule of the social-sync agent, made through the
 * schedules module like any other (its ticks, next fire times and runs show there), once.
 */
@Injectable()
export class SocialSyncSchedule {
  constructor(private readonly schedules: SchedulesService, private readonly queries: ScheduleQueries) {}

  async ensure(caller: Owner): Promise<{ state: ScheduleState; created: boolean }> {
    const { schedule, created } = await this.schedules.ensure(caller, {
      agent: SOCIAL_SYNC_AGENT,
      input: { days: DEFAULT_SYNC_DAYS },
      intent: 'hourly sync of social post metrics',
      cron: hourlyCronFor(caller.organizationId),
      timezone: 'UTC',
      overlap: 'skip',
    });
    return { state: await this.queries.stateAfterWrite(schedule), created };
  }
}

/** Each organization's sync at a minute of its own, so they do not all call the networks at :00. */
export function hourlyCronFor(organizationId: string): string {
  const minute = createHash('sha256').update(organizationId).digest().readUInt32BE(0) % 60;
  return `${minute} * * * *`;
}
