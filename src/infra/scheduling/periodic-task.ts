/**
 * Work repeated in the background of a process (sweepers, reconcilers): one round at a time in a
 * process (a slow round is never overlapped by the next), a timer that never keeps the process
 * alive, and the round in progress awaited at shutdown, so none is cut off with its connections
 * closed under it. A round's own errors are its to log; a rejected round only ends that round.
 */
export class PeriodicTask<T, A = undefined> {
  private timer?: NodeJS.Timeout;
  private running?: Promise<T>;

  /** `round` gets the arguments of a round asked for by `runNow` (tests narrowing a sweep); the timer's rounds get none. */
  constructor(private readonly round: (args?: A) => Promise<T>, private readonly everyMs: number) {}

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.runNow().catch(() => undefined), this.everyMs);
    this.timer.unref();
  }

  /** A round now, or the one already in progress (whatever its arguments were). */
  runNow(args?: A): Promise<T> {
    this.running ??= this.round(args).finally(() => (this.running = undefined));
    return this.running;
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running?.catch(() => undefined);
  }
}
