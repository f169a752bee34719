import { Injectable } from '@nestjs/common';
import { ConflictError, NotFoundError } from '../../common/errors/domain-errors';
import { CancellationHub } from './cancellation-hub';
import { RunLedger } from './persistence/run-ledger';
import { RunReads } from './persistence/run-reads';
import { FINAL_STATUSES, type RunRecord } from './run.records';

/**
 * QUEUED ends CANCELLED at once and never runs; RUNNING is told to stop (its process ends it
 * CANCELLED, wherever it runs); a finished run is 409. Every step is a conditional write, so a
 * cancel racing the run's own end resolves to exactly one final status.
 */
@Injectable()
export class CancelRun {
  constructor(private readonly reads: RunReads, private readonly ledger: RunLedger, private readonly cancellations: CancellationHub) {}

  async cancel(organizationId: string, id: string): Promise<RunRecord> {
    const run = await this.reads.find(id, organizationId);
    if (!run) throw new NotFoundError('run', id);
    if (run.status === 'QUEUED') {
      const cancelled = await this.ledger.finish(id, 'QUEUED', 'CANCELLED', { errorClass: 'CancelledError', errorMessage: 'cancelled before it started' });
      if (cancelled) return cancelled;
    }
    // Not QUEUED (any more): a claim or another cancel got there first; decide on the row as it is now.
    const current = run.status === 'QUEUED' ? ((await this.reads.find(id)) ?? run) : run;
    if (FINAL_STATUSES.includes(current.status)) throw new ConflictError(`run ${id} already finished with status ${current.status}`);
    await this.ledger.requestCancel(id);
    await this.cancellations.broadcast(id);
    return (await this.reads.find(id)) ?? current;
  }
}
