import { ValidateBy } from 'class-validator';

/**
 * The instants a timestamptz parameter can carry. Postgres itself spans 4713 BC to 294276 AD, but
 * parameters travel as ISO 8601 text (`toISOString`), which writes years outside 0000-9999 as
 * `+010000-...`/`-000001-...`, a form Postgres does not parse, and year 0 does not exist there.
 */
export const TIMESTAMP_MIN = new Date('0001-01-01T00:00:00.000Z');
export const TIMESTAMP_MAX = new Date('9999-12-31T23:59:59.999Z');

export function isStorableTimestamp(date: Date): boolean {
  const time = date.getTime();
  return time >= TIMESTAMP_MIN.getTime() && time <= TIMESTAMP_MAX.getTime();
}

/** Beside @IsDate (which reports what is not a date at all): a date the database can compare with. */
export function IsStorableTimestamp(): PropertyDecorator {
  return ValidateBy({
    name: 'isStorableTimestamp',
    validator: {
      validate: (value: unknown) => !(value instanceof Date) || Number.isNaN(value.getTime()) || isStorableTimestamp(value),
      defaultMessage: (args) => `${args?.property ?? 'date'} must be between years 0001 and 9999`,
    },
  });
}
