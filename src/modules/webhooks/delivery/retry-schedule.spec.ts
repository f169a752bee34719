import { loadConfig } from '../../../config/app-config';
import { parseRetrySchedule } from '../../../config/webhooks-config';
import { RetrySchedule } from './retry-schedule';

describe(RetrySchedule.name, () => {
  const sut = new RetrySchedule(loadConfig({}).webhooks.retryScheduleMs);

  it('should wait 5 s, 5 min, 30 min, 2 h, 5 h, 10 h and 10 h after each failed attempt by default', () => {
    const delays = [1, 2, 3, 4, 5, 6, 7].map((attemptsMade) => sut.delayAfter(attemptsMade));

    expect(delays).toEqual([5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000]);
  });

  it('should give a delivery 8 attempts, with no retry after the last', () => {
    expect(sut.maxAttempts).toBe(8);
    expect(sut.delayAfter(8)).toBeNull();
  });

  it('should retry nothing with an empty schedule', () => {
    expect(new RetrySchedule([]).delayAfter(1)).toBeNull();
  });

  it('should refuse to say what follows no attempt at all', () => {
    expect(() => sut.delayAfter(0)).toThrow(RangeError);
  });
});

describe(parseRetrySchedule.name, () => {
  it('should read delays with units, a bare number as milliseconds', () => {
    expect(parseRetrySchedule('250ms, 5s,5m ,2h,40')).toEqual([250, 5_000, 300_000, 7_200_000, 40]);
  });

  it.each(['5 minutes', '5d', '-5s', '0s', '1,,x'])('should refuse %j, naming the variable', (spec) => {
    expect(() => parseRetrySchedule(spec)).toThrow(/WEBHOOK_RETRY_SCHEDULE/);
  });

  it('should refuse a delay longer than a week', () => {
    expect(() => parseRetrySchedule('169h')).toThrow(/at most 7 days/);
  });
});
