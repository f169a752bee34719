/**
 * When a failed delivery is tried again: the first attempt at once, then after each delay of the
 * configured schedule (default 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h: Standard Webhooks'
 * reference schedule, 8 attempts over about 28 hours, long enough for a receiver's outage over a
 * night or a weekend's deploy freeze to end).
 */
export class RetrySchedule {
  constructor(private readonly delaysMs: readonly number[]) {}

  /** Every attempt a delivery gets: the first and one per delay. */
  get maxAttempts(): number {
    return this.delaysMs.length + 1;
  }

  /** The wait before the next attempt after `attemptsMade` failed ones; null when none is left. */
  delayAfter(attemptsMade: number): number | null {
    if (!Number.isInteger(attemptsMade) || attemptsMade < 1) throw new RangeError(`attemptsMade must be a positive integer (got ${attemptsMade})`);
    return this.delaysMs[attemptsMade - 1] ?? null;
  }
}
