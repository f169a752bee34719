import type { RunLedger } from './persistence/run-ledger';
import { LeaseLostError, RunCancelledError } from './run-errors';

/**
 * Keeps a RUNNING run's lease alive while this process works on it (renewed every third of the
 * lease), and aborts the run when the lease is lost or a cancel was recorded in the database.
 */
export class RunLease {
  private readonly timer: NodeJS.Timeout;

  constructor(ledger: RunLedger, runId: string, owner: string, leaseMs: number, controller: AbortController) {
    this.timer = setInterval(() => {
      ledger.renewLease(runId, owner, leaseMs).then(
        (state) => {
          if (state === 'lost') controller.abort(new LeaseLostError());
          if (state === 'cancel-requested') controller.abort(new RunCancelledError());
        },
        () => undefined, // a missed renewal is retried on the next tick; the lease has slack for it
      );
    }, Math.max(250, Math.floor(leaseMs / 3)));
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
