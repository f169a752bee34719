import { Injectable } from '@nestjs/common';
import { ConflictError, NotFoundError } from '../../common/errors/domain-errors';
import { CancellationHub } from './cancellation-hub';
import { RunLedger } from './persistence/run-ledger';
import { RunReads } from './persistence/run-reads';
import { FINAL_STATUSES, WAITING_STATUSES, type RunRecord } from './run.records';

/**
 * QUEUED (also when delayed) or waiting (for an approval, a sleep) ends CANCELLED at once and never runs again; RUNNING is told to stop (its process ends it
 * CANCELLED, wherever it runs); a finished run is 409. Every step is a conditional write, so a
 * cancel racing the run's own end resolves to exactly one final status.
 */
@Injectable()
export class CancelRun {
  constructor(private readonly reads: RunReads, private readonly ledger: RunLedger, private readonly cancellations: CancellationHub) {}

  async cancel(organizationId: string, id: string): Promise<RunRecord> {
    const run = await this.reads.find(id, organizationId);
    if (!run) throw new NotFoundError('run', id);
    const idle = run.status === 'QUEUED' || WAITING_STATUSES.includes(run.status);
    if (idle) {
      const message = run.status === 'QUEUED' ? 'cancelled before it started' : `cancelled while ${run.status === 'WAITING' ? 'sleeping' : 'awaiting approval'}`;
      const cancelled = await this.ledger.finish(id, run.status, 'CANCELLED', { errorClass: 'CancelledError', errorMessage: message });
      if (cancelled) return cancelled;
    }
    // Not idle (any more): a claim or another cancel got there first; decide on the row as it is now.
    const current = idle ? ((await this.reads.find(id)) ?? run) : run;
    if (FINAL_STATUSES.includes(current.status)) throw new ConflictError(`run ${id} already finished with status ${current.status}`);
    await this.ledger.requestCancel(id);
    await this.cancellations.broadcast(id);
    return (await this.reads.find(id)) ?? current;
  }
}
