import { reportingPeriod } from './reporting-period';

describe(reportingPeriod.name, () => {
  it('should end three days before today in Pacific time and span the days asked for, inclusive', () => {
    expect(reportingPeriod(new Date('2026-12-30T12:00:00.000Z'), 28)).toEqual({ asOf: '2026-12-30T12:00:00.000Z', startDate: '2026-11-30', endDate: '2026-12-27' });
  });

  it('should count the day as Search Console does: 03:00 UTC is the previous day in California', () => {
    expect(reportingPeriod(new Date('2026-12-30T03:00:00.000Z'), 7)).toMatchObject({ startDate: '2026-12-20', endDate: '2026-12-26' });
  });
});
