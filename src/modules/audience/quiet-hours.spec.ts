import { InvalidQuietHoursError, UnknownTimezoneError } from './audience-errors';
import { DEFAULT_QUIET_HOURS, isValidTimezone, nextSendTime } from './quiet-hours';

const NEW_YORK = 'America/New_York';
const at = (iso: string) => new Date(iso);
const sendAt = (now: string, timezone: string, quiet = DEFAULT_QUIET_HOURS) => nextSendTime(at(now), timezone, quiet).sendAt.toISOString();

describe(nextSendTime.name, () => {
  describe('in New York in summer (UTC-4)', () => {
    it('should allow a message at noon, now', () => {
      const now = at('2026-06-15T16:00:00Z');

      expect(nextSendTime(now, NEW_YORK)).toEqual({ allowed: true, sendAt: now });
    });

    it.each([
      ['20:59', '2026-06-16T00:59:00Z'],
      ['08:00', '2026-06-16T12:00:00Z'],
    ])('should allow %s local, just outside the default window', (_, now) => {
      expect(nextSendTime(at(now), NEW_YORK).allowed).toBe(true);
    });

    it.each([
      ['21:00', '2026-06-16T01:00:00Z'],
      ['23:30', '2026-06-16T03:30:00Z'],
      ['03:00', '2026-06-16T07:00:00Z'],
      ['07:59:59', '2026-06-16T11:59:59Z'],
    ])('should hold a message at %s local until 08:00 local (12:00 UTC)', (_, now) => {
      expect(nextSendTime(at(now), NEW_YORK)).toEqual({ allowed: false, sendAt: at('2026-06-16T12:00:00Z') });
    });
  });

  describe('across daylight saving changes in New York', () => {
    it('should hold 22:00 EST on the night the clocks go forward until 08:00 EDT (12:00 UTC, 9 hours later)', () => {
      expect(sendAt('2026-03-08T03:00:00Z', NEW_YORK)).toBe('2026-03-08T12:00:00.000Z');
    });

    it('should hold 22:00 EDT on the night the clocks go back until 08:00 EST (13:00 UTC, 11 hours later)', () => {
      expect(sendAt('2026-11-01T02:00:00Z', NEW_YORK)).toBe('2026-11-01T13:00:00.000Z');
    });

    it.each([
      ['EDT', '2026-11-01T05:30:00Z'],
      ['EST', '2026-11-01T06:30:00Z'],
    ])('should hold 01:30 %s, the repeated hour, until 08:00 EST', (_, now) => {
      expect(sendAt(now, NEW_YORK)).toBe('2026-11-01T13:00:00.000Z');
    });

    it('should open a window that ends at 02:30 at 03:00 EDT on the night 02:30 does not exist', () => {
      expect(sendAt('2026-03-08T04:00:00Z', NEW_YORK, { start: '21:00', end: '02:30' })).toBe('2026-03-08T07:00:00.000Z');
    });

    it('should open a window that ends at 01:30 at the first 01:30 still ahead when the clocks go back', () => {
      const quiet = { start: '21:00', end: '01:30' };

      expect(sendAt('2026-11-01T05:10:00Z', NEW_YORK, quiet)).toBe('2026-11-01T05:30:00.000Z'); // 01:10 EDT: 01:30 EDT
      expect(sendAt('2026-11-01T06:10:00Z', NEW_YORK, quiet)).toBe('2026-11-01T06:30:00.000Z'); // 01:10 EST: 01:30 EST
    });
  });

  describe('in Asia/Kolkata (UTC+5:30, no daylight saving)', () => {
    it('should hold 21:30 IST until 08:00 IST the next day (02:30 UTC)', () => {
      expect(sendAt('2026-01-10T16:00:00Z', 'Asia/Kolkata')).toBe('2026-01-11T02:30:00.000Z');
    });

    it('should hold 07:59 IST until 08:00 IST the same day', () => {
      expect(sendAt('2026-01-10T02:29:00Z', 'Asia/Kolkata')).toBe('2026-01-10T02:30:00.000Z');
    });

    it('should allow 08:00 IST', () => {
      expect(nextSendTime(at('2026-01-10T02:30:00Z'), 'Asia/Kolkata').allowed).toBe(true);
    });
  });

  describe('in Pacific/Auckland (southern hemisphere)', () => {
    it('should hold 22:00 NZDT on the night daylight saving ends until 08:00 NZST (UTC+12)', () => {
      expect(sendAt('2026-04-04T09:00:00Z', 'Pacific/Auckland')).toBe('2026-04-04T20:00:00.000Z');
    });

    it('should hold 22:00 NZST on the night daylight saving starts until 08:00 NZDT (UTC+13)', () => {
      expect(sendAt('2026-09-26T10:00:00Z', 'Pacific/Auckland')).toBe('2026-09-26T19:00:00.000Z');
    });
  });

  it('should end the window at the half-hour jump in Lord Howe when its end falls in the gap', () => {
    // 2026-10-04 02:00 +10:30 becomes 02:30 +11:00, so 02:15 never happens.
    expect(sendAt('2026-10-03T11:30:00Z', 'Australia/Lord_Howe', { start: '21:00', end: '02:15' })).toBe('2026-10-03T15:30:00.000Z');
  });

  it('should hold a message inside a window that does not cross midnight until its end the same day', () => {
    const quiet = { start: '12:00', end: '13:00' };

    expect(nextSendTime(at('2026-06-15T12:30:00Z'), 'UTC', quiet)).toEqual({ allowed: false, sendAt: at('2026-06-15T13:00:00Z') });
    expect(nextSendTime(at('2026-06-15T13:00:00Z'), 'UTC', quiet).allowed).toBe(true);
    expect(nextSendTime(at('2026-06-15T11:59:00Z'), 'UTC', quiet).allowed).toBe(true);
  });

  it('should treat equal start and end as no quiet hours', () => {
    expect(nextSendTime(at('2026-06-15T03:00:00Z'), 'UTC', { start: '08:00', end: '08:00' }).allowed).toBe(true);
  });

  it('should default to 21:00-08:00', () => {
    expect(DEFAULT_QUIET_HOURS).toEqual({ start: '21:00', end: '08:00' });
    expect(nextSendTime(at('2026-06-15T21:00:00Z'), 'UTC').allowed).toBe(false);
  });

  it('should refuse an unknown time zone with a 400 on the timezone field', () => {
    const sut = () => nextSendTime(at('2026-06-15T12:00:00Z'), 'Mars/Olympus_Mons');

    expect(sut).toThrow(UnknownTimezoneError);
    expect(sut).toThrow(expect.objectContaining({ statusCode: 400, fields: ['timezone'] }));
  });

  it.each([
    ['start', { start: '9:00', end: '08:00' }],
    ['start', { start: '24:00', end: '08:00' }],
    ['end', { start: '21:00', end: '08:60' }],
    ['end', { start: '21:00', end: '8am' }],
  ])('should refuse a malformed %s with a 400 naming it', (field, quiet) => {
    const sut = () => nextSendTime(at('2026-06-15T12:00:00Z'), 'UTC', quiet);

    expect(sut).toThrow(InvalidQuietHoursError);
    expect(sut).toThrow(expect.objectContaining({ statusCode: 400, fields: [`quietHours.${field}`] }));
  });
});

describe(isValidTimezone.name, () => {
  it.each(['America/New_York', 'Asia/Kolkata', 'Pacific/Auckland', 'UTC'])('should accept %s', (timezone) => {
    expect(isValidTimezone(timezone)).toBe(true);
  });

  it.each(['Mars/Olympus_Mons', '', '+05:00', 'New York'])('should refuse %p', (timezone) => {
    expect(isValidTimezone(timezone)).toBe(false);
  });
});
