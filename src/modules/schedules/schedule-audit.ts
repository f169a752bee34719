import type { Prisma } from '../../generated/prisma/client';
import type { ScheduleFields } from './persistence/schedules.repository';

/** A schedule's settings as its audit entries keep them (the input was already redacted for storage). */
export function scheduleSettings(schedule: ScheduleFields): Prisma.InputJsonObject {
  return {
    agent: schedule.agentName,
    intent: schedule.intent,
    input: schedule.input as Prisma.InputJsonValue,
    cron: schedule.cron,
    timezone: schedule.timezone,
    overlap: schedule.overlap,
    enabled: schedule.enabled,
  };
}

/** The settings that differ, as they were and as they became. */
export function changedSettings(before: ScheduleFields, after: ScheduleFields): { fields: string[]; before: Prisma.InputJsonObject; after: Prisma.InputJsonObject } {
  const [was, is] = [scheduleSettings(before), scheduleSettings(after)];
  const fields = Object.keys(is).filter((field) => JSON.stringify(was[field]) !== JSON.stringify(is[field]));
  return { fields, before: Object.fromEntries(fields.map((f) => [f, was[f]])), after: Object.fromEntries(fields.map((f) => [f, is[f]])) };
}
