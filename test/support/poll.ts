import { setTimeout as delay } from 'node:timers/promises';
import { inspect } from 'node:util';

export interface PollOptions {
  /** What is awaited, for the failure message: "run 42 to finish". */
  what: string;
  /** The deadline; 5 s unless given. A deadline, never an expectation on how long things take. */
  timeoutMs?: number;
  /** Pause between reads; 100 ms unless given. */
  intervalMs?: number;
}

export class PollTimeoutError extends Error {
  constructor(options: Required<PollOptions>, readonly last: unknown) {
    super(`timed out after ${options.timeoutMs} ms waiting for ${options.what}; last seen: ${inspect(last, { depth: 6, breakLength: Infinity })}`);
    this.name = 'PollTimeoutError';
  }
}

/**
 * Bounded polling, for state that only lives in a database or an HTTP answer (where there is an
 * event to await, await the event instead): reads until `done` holds for what `read` returned,
 * and answers that value; past the deadline, fails naming what it waited for and the last value
 * read. A read that throws fails at once.
 */
export async function pollUntil<T>(read: () => T | Promise<T>, done: (value: T) => boolean, options: PollOptions): Promise<T> {
  const settings = { timeoutMs: 5_000, intervalMs: 100, ...options };
  const deadline = performance.now() + settings.timeoutMs;
  for (let value = await read(); ; value = await read()) {
    if (done(value)) return value;
    if (performance.now() >= deadline) throw new PollTimeoutError(settings, value);
    await delay(settings.intervalMs);
  }
}
