import { DateTime, IANAZone } from 'luxon';
import { InvalidQuietHoursError, UnknownTimezoneError } from './audience-errors';

/** A daily window, in the recipient's local time, when nothing is sent; `start` > `end` crosses midnight. */
export interface QuietHours {
  /** HH:mm, 24-hour; the first quiet minute. */
  start: string;
  /** HH:mm, 24-hour; the first minute sending is allowed again. */
  end: string;
}

export interface SendTime {
  /** True when `now` is outside the quiet window: send now. */
  allowed: boolean;
  /** `now` when allowed, else the first instant the recipient's clock leaves the window. */
  sendAt: Date;
}

/**
 * 21:00 to 08:00: the US telemarketing rule (TCPA, 47 CFR 64.1200(c)(1)) forbids solicitations
 * before 8 a.m. and after 9 p.m. at the called party's location, and it is a sensible default
 * elsewhere.
 */
export const DEFAULT_QUIET_HOURS: QuietHours = Object.freeze({ start: '21:00', end: '08:00' });

const CLOCK = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** True for a zone in the IANA database the runtime ships (America/New_York, Asia/Kolkata, UTC). */
export function isValidTimezone(timezone: string): boolean {
  return IANAZone.isValidZone(timezone);
}

/**
 * Whether a message may go out at `now` to a recipient in `timezone`, and if not, when. Reads
 * the wall clock in the recipient's zone, so daylight saving changes move the answer in UTC
 * (08:00 in New York is 13:00 UTC in winter, 12:00 UTC in summer). Equal start and end make an
 * empty window: always allowed.
 */
export function nextSendTime(now: Date, timezone: string, quiet: QuietHours = DEFAULT_QUIET_HOURS): SendTime {
  if (!isValidTimezone(timezone)) throw new UnknownTimezoneError(timezone);
  if (Number.isNaN(now.getTime())) throw new RangeError('nextSendTime needs a valid date');
  const start = minuteOfDay(quiet.start, 'start');
  const end = minuteOfDay(quiet.end, 'end');
  const local = DateTime.fromJSDate(now, { zone: timezone });
  const minute = local.hour * 60 + local.minute;
  const crossesMidnight = start > end;
  const quietNow = crossesMidnight ? minute >= start || minute < end : minute >= start && minute < end;
  if (!quietNow) return { allowed: true, sendAt: new Date(now.getTime()) };
  // In the evening part of a window that crosses midnight, the window ends tomorrow.
  const endDay = crossesMidnight && minute >= start ? local.plus({ days: 1 }) : local;
  return { allowed: false, sendAt: firstInstantAt(endDay, end, now).toJSDate() };
}

function minuteOfDay(clock: string, field: 'start' | 'end'): number {
  const match = CLOCK.exec(clock);
  if (!match) throw new InvalidQuietHoursError(field, clock);
  return Number(match[1]) * 60 + Number(match[2]);
}

/**
 * The first instant after `after` when the clock reads `minute` (or later) on `day`'s date. The
 * two days a year when that wall time is not one instant are why this is not a plain `set`:
 * when the clocks go back it happens twice and the first one after `after` counts; when they go
 * forward it may not happen at all (02:30 on a spring-forward night), and the window then ends
 * at the jump, the first instant the clock reads later than `minute`.
 */
function firstInstantAt(day: DateTime, minute: number, after: Date): DateTime {
  const asked = { year: day.year, month: day.month, day: day.day, hour: Math.floor(minute / 60), minute: minute % 60 };
  const candidates = DateTime.fromObject(asked, { zone: day.zone })
    .getPossibleOffsets()
    .filter((at) => at.toMillis() > after.getTime())
    .sort((a, b) => a.toMillis() - b.toMillis());
  const first = candidates[0];
  if (!first) throw new Error(`no instant after ${after.toISOString()} reads ${JSON.stringify(asked)} in ${day.zoneName}`);
  const gapMinutes = (wallMillis(first) - Date.UTC(asked.year, asked.month - 1, asked.day, asked.hour, asked.minute)) / 60_000;
  return gapMinutes === 0 ? first : offsetChangeBefore(first, gapMinutes);
}

/** The wall clock reading of `at`, as milliseconds of a UTC calendar (so two readings subtract). */
function wallMillis(at: DateTime): number {
  return at.toMillis() + at.offset * 60_000;
}

/**
 * In a spring-forward gap Luxon moves the missing wall time forward by the gap, so the jump
 * itself lies less than `gapMinutes` before `shifted`: find the minute where the offset changes.
 * Every time zone change since the 1970s falls on a whole minute.
 */
function offsetChangeBefore(shifted: DateTime, gapMinutes: number): DateTime {
  let onNewOffset = 0; // minutes before `shifted`
  let onOldOffset = gapMinutes;
  while (onOldOffset - onNewOffset > 1) {
    const mid = Math.floor((onNewOffset + onOldOffset) / 2);
    if (shifted.zone.offset(shifted.toMillis() - mid * 60_000) === shifted.offset) onNewOffset = mid;
    else onOldOffset = mid;
  }
  return shifted.minus({ minutes: onNewOffset });
}
