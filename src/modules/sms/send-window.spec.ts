import { UnknownTimezoneError } from '../audience/audience-errors';
import { DEFAULT_QUIET_HOURS } from '../audience/quiet-hours';
import { quietHoursOf, recipientTimezone } from './send-window';

describe(recipientTimezone.name, () => {
  it('should take the given zone first, then the lead zone, then the configured default, then UTC', () => {
    expect(recipientTimezone('Asia/Tokyo', 'Europe/Paris', { defaultTimezone: 'America/Chicago' })).toBe('Asia/Tokyo');
    expect(recipientTimezone(undefined, 'Europe/Paris', { defaultTimezone: 'America/Chicago' })).toBe('Europe/Paris');
    expect(recipientTimezone(undefined, null, { defaultTimezone: 'America/Chicago' })).toBe('America/Chicago');
    expect(recipientTimezone(undefined, null, {})).toBe('UTC');
  });

  it('should pass over a lead zone the runtime does not know', () => {
    expect(recipientTimezone(undefined, 'Mars/Olympus_Mons', { defaultTimezone: 'America/Chicago' })).toBe('America/Chicago');
  });

  it('should refuse a configured default that is not a time zone, naming it', () => {
    expect(() => recipientTimezone(undefined, null, { defaultTimezone: 'Central' })).toThrow(UnknownTimezoneError);
    expect(() => recipientTimezone(undefined, null, { defaultTimezone: 5 })).toThrow(/"5"/);
  });
});

describe(quietHoursOf.name, () => {
  it('should read the configured window and default what it leaves out', () => {
    expect(quietHoursOf({ quietHours: { start: '22:30', end: '07:00' } })).toEqual({ start: '22:30', end: '07:00' });
    expect(quietHoursOf({ quietHours: { start: '20:00' } })).toEqual({ start: '20:00', end: DEFAULT_QUIET_HOURS.end });
    expect(quietHoursOf({})).toEqual(DEFAULT_QUIET_HOURS);
    expect(quietHoursOf({ quietHours: 'none' })).toEqual(DEFAULT_QUIET_HOURS);
  });
});
