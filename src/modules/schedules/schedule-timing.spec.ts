import { parseExpression } from 'cron-parser';
import { ValidationFailedError } from '../../common/errors/domain-errors';
import { assertValidTiming, nextFireTimes, smallestIntervalSeconds } from './schedule-timing';

describe('schedule timing', () => {
  describe(nextFireTimes.name, () => {
    it('should keep Tuesday 9:00 in New York across the end of daylight saving (13:00 UTC, then 14:00 UTC)', () => {
      const sut = nextFireTimes({ cron: '0 9 * * 2', timezone: 'America/New_York' }, 3, new Date('2026-10-21T00:00:00Z'));

      expect(sut.map((d) => d.toISOString())).toEqual(['2026-10-27T13:00:00.000Z', '2026-11-03T14:00:00.000Z', '2026-11-10T14:00:00.000Z']);
    });

    it('should keep Tuesday 9:00 in New York across the start of daylight saving (14:00 UTC, then 13:00 UTC)', () => {
      const sut = nextFireTimes({ cron: '0 9 * * 2', timezone: 'America/New_York' }, 2, new Date('2026-03-01T00:00:00Z'));

      expect(sut.map((d) => d.toISOString())).toEqual(['2026-03-03T14:00:00.000Z', '2026-03-10T13:00:00.000Z']);
    });

    it('should read a 6-field cron with seconds first', () => {
      const sut = nextFireTimes({ cron: '*/20 * * * * *', timezone: 'UTC' }, 3, new Date('2026-01-01T00:00:05Z'));

      expect(sut.map((d) => d.toISOString())).toEqual(['2026-01-01T00:00:20.000Z', '2026-01-01T00:00:40.000Z', '2026-01-01T00:01:00.000Z']);
    });
  });

  describe(smallestIntervalSeconds.name, () => {
    it.each([
      ['* * * * * *', 1],
      ['* * * * *', 60],
      ['*/5 * * * *', 300],
      ['0,59 * * * *', 60],
      ['0 9 * * 2', 86_400],
      ['0 0,12 * * *', 43_200],
      ['0 1,23 * * *', 7_200],
      ['10,50 8 * * *', 2_400],
    ])('should find %p firing at least %p s apart', (cron, seconds) => {
      expect(smallestIntervalSeconds(parseExpression(cron))).toBe(seconds);
    });
  });

  describe(assertValidTiming.name, () => {
    const rejected = (cron: string, timezone: string, min = 60): ValidationFailedError => {
      try {
        assertValidTiming({ cron, timezone }, min);
      } catch (error) {
        if (error instanceof ValidationFailedError) return error;
        throw error;
      }
      throw new Error(`expected ${cron} in ${timezone} to be refused`);
    };

    it('should accept a weekly cron in a time zone, and every second when the minimum allows it', () => {
      expect(() => assertValidTiming({ cron: '0 9 * * 2', timezone: 'America/New_York' }, 60)).not.toThrow();
      expect(() => assertValidTiming({ cron: '* * * * * *', timezone: 'UTC' }, 1)).not.toThrow();
    });

    it.each([
      ['bad', 'UTC', 'cron', /must have 5 fields/],
      ['* * * * * * *', 'UTC', 'cron', /must have 5 fields/],
      ['61 * * * *', 'UTC', 'cron', /does not parse/],
      ['0 9 31 2 *', 'UTC', 'cron', /does not parse/],
      ['*/10 * * * * *', 'UTC', 'cron', /fires 10 s apart; the minimum interval is 60 s/],
      ['0 9 * * 2', 'Mars/Olympus_Mons', 'timezone', /not an IANA time zone/],
    ])('should refuse cron %p in %p with a 400 on %p', (cron, timezone, field, message) => {
      const sut = rejected(cron, timezone);

      expect(sut.fields).toEqual([field]);
      expect(sut.statusCode).toBe(400);
      expect(sut.message).toMatch(message);
    });
  });
});
