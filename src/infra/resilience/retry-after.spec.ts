import { parseRetryAfter, retryAfterSeconds } from './retry-after';

describe(retryAfterSeconds.name, () => {
  it.each([
    [0, 1],
    [1, 1],
    [999, 1],
    [1_000, 1],
    [1_001, 2],
    [10_000, 10],
    [-5, 1],
  ])('should turn %i ms into %i s', (ms, seconds) => {
    expect(retryAfterSeconds(ms)).toBe(seconds);
  });
});

describe(parseRetryAfter.name, () => {
  const now = Date.parse('2026-11-22T08:00:00Z');

  it('should read delta seconds', () => {
    expect(parseRetryAfter('7', now)).toBe(7_000);
    expect(parseRetryAfter('1.5', now)).toBe(1_500);
  });

  it('should read an HTTP date as the time left until it', () => {
    expect(parseRetryAfter('Sun, 22 Nov 2026 08:00:30 GMT', now)).toBe(30_000);
  });

  it('should never answer a negative wait', () => {
    expect(parseRetryAfter('-3', now)).toBe(0);
    expect(parseRetryAfter('Sun, 22 Nov 2026 07:59:00 GMT', now)).toBe(0);
  });

  it('should answer undefined for a missing or unreadable header', () => {
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(parseRetryAfter('', now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
  });
});
