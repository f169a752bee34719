import { UnknownTimezoneError } from '../audience/audience-errors';
import { DEFAULT_QUIET_HOURS, isValidTimezone, type QuietHours } from '../audience/quiet-hours';

/**
 * The recipient's time zone: the one the stage was given, else their lead's, else the
 * organization's configured default, else UTC. A lead's zone that the runtime does not know is
 * passed over (it is data, maybe imported); a configured default that is not a zone is the
 * organization's mistake and fails the send, naming it, instead of texting at the wrong hour.
 */
export function recipientTimezone(given: string | undefined, lead: string | null, settings: Record<string, unknown>): string {
  if (given) return given;
  if (lead && isValidTimezone(lead)) return lead;
  const configured = settings.defaultTimezone;
  if (configured === undefined || configured === null) return 'UTC';
  if (typeof configured !== 'string' || !isValidTimezone(configured)) throw new UnknownTimezoneError(String(configured));
  return configured;
}

/**
 * The configured quiet hours, else the default window. Their clock times are checked when used
 * (nextSendTime refuses a malformed one with InvalidQuietHoursError).
 */
export function quietHoursOf(settings: Record<string, unknown>): QuietHours {
  const quiet = settings.quietHours;
  if (typeof quiet !== 'object' || quiet === null) return DEFAULT_QUIET_HOURS;
  const { start, end } = quiet as Record<string, unknown>;
  return { start: String(start ?? DEFAULT_QUIET_HOURS.start), end: String(end ?? DEFAULT_QUIET_HOURS.end) };
}
