import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { Queue } from 'bullmq';
import { RedisService } from '../../../infra/redis/redis.service';
import type { ScheduleTiming } from '../schedule-timing';
import { SCHEDULE_TICK_QUEUE, type ScheduleTickJob } from './schedule-tick';

/**
 * The BullMQ job scheduler behind each enabled schedule, named by the schedule's id. BullMQ keeps
 * one delayed job per scheduler, with an id made of the scheduler's id and the tick's time, and
 * adds the next one when a worker takes it: however many workers consume the queue, each tick is
 * one job, taken by one of them.
 */
@Injectable()
export class ScheduleTriggers implements OnModuleInit {
  constructor(@InjectQueue(SCHEDULE_TICK_QUEUE) private readonly queue: Queue<ScheduleTickJob>, private readonly redis: RedisService) {}

  onModuleInit(): void {
    // Connection errors surface through readiness; an unhandled 'error' event would crash the process.
    this.queue.on('error', () => undefined);
  }

  /** For a request about to change schedulers: a clear 503 while Redis is away, before anything is written. */
  assertAvailable(): void {
    this.redis.assertAvailable('schedules');
  }

  /** Creates or replaces the schedule's job scheduler (idempotent: the same timing again changes nothing that matters). */
  async upsert(scheduleId: string, timing: ScheduleTiming): Promise<void> {
    await this.queue.upsertJobScheduler(scheduleId, { pattern: timing.cron, tz: timing.timezone }, { name: 'tick', data: { scheduleId } });
  }

  /** Removes it, with its pending tick; nothing when it does not exist. */
  async remove(scheduleId: string): Promise<void> {
    await this.queue.removeJobScheduler(scheduleId);
  }

  /** The ids of every job scheduler on the queue: one per schedule, if nothing went wrong. */
  async ids(): Promise<string[]> {
    const ids: string[] = [];
    const pageSize = 500;
    for (let start = 0; ; start += pageSize) {
      const page = await this.queue.getJobSchedulers(start, start + pageSize - 1, true);
      ids.push(...page.map((scheduler) => scheduler.key));
      if (page.length < pageSize) return ids;
    }
  }
}
