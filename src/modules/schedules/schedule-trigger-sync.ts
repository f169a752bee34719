import { Injectable } from '@nestjs/common';
import { ScheduleRowLock } from './persistence/schedule-row-lock';
import { ScheduleTriggers } from './queue/schedule-triggers';

/**
 * Makes a schedule's BullMQ job scheduler match its row: present with the row's cron and time
 * zone while the schedule is enabled, absent while it is disabled or deleted. Called after every
 * committed change, by a tick that finds its schedule disabled or gone, and at boot for every
 * schedule.
 *
 * It reads the row under a row lock and changes Redis before releasing it: two syncs of one
 * schedule run one after the other, each applying the row as it is when it gets the lock, so the
 * last one to run applies the latest change, whatever order the requests, ticks and boots that
 * asked for them came in. (Without the lock, a boot that read a schedule enabled could re-create
 * its scheduler just after a request that disabled it had removed it.)
 */
@Injectable()
export class ScheduleTriggerSync {
  constructor(private readonly lock: ScheduleRowLock, private readonly triggers: ScheduleTriggers) {}

  sync(scheduleId: string): Promise<'UPSERTED' | 'REMOVED'> {
    return this.lock.withLocked(scheduleId, async (timing) => {
      if (timing?.enabled) {
        await this.triggers.upsert(scheduleId, timing);
        return 'UPSERTED';
      }
      await this.triggers.remove(scheduleId);
      return 'REMOVED';
    });
  }
}
