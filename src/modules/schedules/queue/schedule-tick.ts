/** The queue BullMQ's job schedulers put one job per schedule tick on; consumed by workers (and the API on the embedded database). */
export const SCHEDULE_TICK_QUEUE = 'schedules.tick';

/** The payload of a schedules.tick job: the schedule's id only; the row holds everything else, read at the tick. */
export interface ScheduleTickJob {
  scheduleId: string;
}
