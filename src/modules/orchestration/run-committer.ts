import { Injectable } from '@nestjs/common';
import { Transactional } from '@nestjs-cls/transactional';
import type { RunEventRecord } from './events/run-event';
import { RunEvents } from './events/run-events';
import { RunCompletionRepository } from './persistence/run-completion.repository';
import { RunLedger } from './persistence/run-ledger';
import type { RunRecord } from './run.records';

export class RunNoLongerOwnedError extends Error {
  override readonly name = 'RunNoLongerOwnedError';
}

/**
 * The run's one business transaction: the agent's deferred writes and the COMPLETED status commit
 * together, or not at all. It opens only after the agent has finished calling tools, so no
 * connection is held across a tool call or a wait. A run without deferred writes needs no
 * transaction: its COMPLETED is one durable statement.
 */
@Injectable()
export class RunCommitter {
  constructor(private readonly ledger: RunLedger, private readonly completion: RunCompletionRepository, private readonly events: RunEvents) {}

  async commit(runId: string, owner: string, output: unknown, writes: ReadonlyArray<() => Promise<void>>): Promise<RunRecord> {
    if (writes.length === 0) {
      const completed = await this.ledger.complete(runId, owner, output);
      // Cancelled, or taken over after a lost lease.
      if (!completed) throw new RunNoLongerOwnedError(`run ${runId} was cancelled or taken over before it could complete`);
      return completed;
    }
    const { events, ...completed } = await this.commitWithWrites(runId, owner, output, writes);
    // Announced only once the transaction committed: a rolled-back completion never happened.
    this.events.publish(events);
    return completed;
  }

  @Transactional()
  private async commitWithWrites(runId: string, owner: string, output: unknown, writes: ReadonlyArray<() => Promise<void>>): Promise<RunRecord & { events?: RunEventRecord[] }> {
    for (const write of writes) await write();
    const completed = await this.completion.complete(runId, owner, output);
    if (!completed) throw new RunNoLongerOwnedError(`run ${runId} was cancelled or taken over before it could complete`);
    return completed;
  }
}
