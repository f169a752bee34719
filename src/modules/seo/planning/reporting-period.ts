import { DateTime } from 'luxon';

/** Search Console counts days in Pacific time. */
export const SEARCH_CONSOLE_ZONE = 'America/Los_Angeles';
/** Its last days are incomplete for a while ("fresh data"): a period ends this many days before today. */
export const FRESHNESS_LAG_DAYS = 3;

export interface ReportingPeriod {
  /** The instant the period was read from the clock: the calendar plans from its day (UTC). */
  asOf: string;
  /** First and last day, inclusive, in Search Console's days (YYYY-MM-DD). */
  startDate: string;
  endDate: string;
}

/** The last `days` complete days of Search Console data as of `now`. */
export function reportingPeriod(now: Date, days: number): ReportingPeriod {
  const end = DateTime.fromJSDate(now, { zone: SEARCH_CONSOLE_ZONE }).startOf('day').minus({ days: FRESHNESS_LAG_DAYS });
  const start = end.minus({ days: days - 1 });
  return { asOf: now.toISOString(), startDate: start.toISODate() ?? '', endDate: end.toISODate() ?? '' };
}
