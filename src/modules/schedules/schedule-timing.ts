import { type CronExpression, parseExpression } from 'cron-parser';
import { ValidationFailedError } from '../../common/errors/domain-errors';

/** When a schedule fires: a cron expression read in an IANA time zone (as BullMQ's job scheduler reads it). */
export interface ScheduleTiming {
  cron: string;
  timezone: string;
}

const DAY_SECONDS = 86_400;

/**
 * The timing checks, each a 400 naming its field: a cron of 5 fields (minute first) or 6 (second
 * first) that fires at least once, a time zone the runtime knows, and no two fire times closer
 * than `minIntervalSeconds`.
 */
export function assertValidTiming(timing: ScheduleTiming, minIntervalSeconds: number): void {
  assertTimezone(timing.timezone);
  const expression = parseCron(timing);
  const interval = smallestIntervalSeconds(expression);
  if (interval < minIntervalSeconds) {
    throw new ValidationFailedError(['cron'], `invalid schedule: cron ${JSON.stringify(timing.cron)} fires ${interval} s apart; the minimum interval is ${minIntervalSeconds} s`);
  }
  if (nextFireTimes(timing, 1, new Date()).length === 0) {
    throw new ValidationFailedError(['cron'], `invalid schedule: cron ${JSON.stringify(timing.cron)} never fires`);
  }
}

/** The next `count` fire times after `after`, in the schedule's time zone (daylight saving included); fewer when the cron stops firing. */
export function nextFireTimes(timing: ScheduleTiming, count: number, after: Date): Date[] {
  const expression = parseExpression(timing.cron, { tz: timing.timezone, currentDate: after });
  const times: Date[] = [];
  try {
    while (times.length < count) times.push(expression.next().toDate());
  } catch {
    // cron-parser throws past the last date it can find (a 30th of February): no more fire times.
  }
  return times;
}

function assertTimezone(timezone: string): void {
  try {
    // The runtime's IANA database decides, as it does for cron-parser (through Luxon) when ticks fire.
    new Intl.DateTimeFormat('en-US', { timeZone: timezone });
  } catch {
    throw new ValidationFailedError(['timezone'], `invalid schedule: timezone ${JSON.stringify(timezone)} is not an IANA time zone (for example Europe/Paris or America/New_York)`);
  }
}

function parseCron(timing: ScheduleTiming): CronExpression {
  const fields = timing.cron.trim().split(/\s+/);
  if (fields.length !== 5 && fields.length !== 6) {
    throw new ValidationFailedError(['cron'], `invalid schedule: cron ${JSON.stringify(timing.cron)} must have 5 fields (minute hour day-of-month month day-of-week) or 6 (second first)`);
  }
  try {
    return parseExpression(timing.cron, { tz: timing.timezone });
  } catch (error) {
    throw new ValidationFailedError(['cron'], `invalid schedule: cron ${JSON.stringify(timing.cron)} does not parse: ${(error as Error).message}`);
  }
}

/**
 * The smallest wall-clock gap between two fire times, from the cron's fields rather than by
 * iterating fire times (cron-parser takes milliseconds per fire time in a time zone): the gaps
 * between consecutive times of day (hour x minute x second), and the gap from a day's last time
 * to the next day's first, counted as if any two days could follow each other (a cautious
 * answer: it can only make a schedule look more frequent than it is). A daylight saving change
 * can shorten one real gap by the shift; the check is on the clock the cron is written in.
 */
export function smallestIntervalSeconds(expression: CronExpression): number {
  const { hour, minute, second } = expression.fields;
  let first: number | undefined;
  let previous: number | undefined;
  let smallest = DAY_SECONDS;
  for (const h of hour) {
    for (const m of minute) {
      for (const s of second) {
        const at = h * 3600 + m * 60 + s;
        if (previous !== undefined) smallest = Math.min(smallest, at - previous);
        first ??= at;
        previous = at;
      }
    }
  }
  if (first !== undefined && previous !== undefined && previous !== first) smallest = Math.min(smallest, DAY_SECONDS - previous + first);
  return smallest;
}
