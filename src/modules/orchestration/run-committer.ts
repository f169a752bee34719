import { Injectable } from '@nestjs/common';
import { Transactional } from '@nestjs-cls/transactional';
import type { Prisma } from '../../generated/prisma/client';
import { RunsRepository } from './runs.repository';

export class RunNoLongerOwnedError extends Error {
  override readonly name = 'RunNoLongerOwnedError';
}

/**
 * The run's one business transaction: the agent's deferred writes and the COMPLETED status commit
 * together, or not at all. It opens only after the agent has finished calling tools, so no
 * connection is held across a tool call or a wait.
 */
@Injectable()
export class RunCommitter {
  constructor(private readonly runs: RunsRepository) {}

  @Transactional()
  async commit(runId: string, owner: string, output: Prisma.InputJsonValue, startedAt: Date, writes: Array<() => Promise<void>>): Promise<void> {
    for (const write of writes) await write();
    const finishedAt = new Date();
    const completed = await this.runs.complete(runId, owner, output, finishedAt, finishedAt.getTime() - startedAt.getTime());
    // Cancelled, or taken over after a lost lease: the agent's writes must not land.
    if (!completed) throw new RunNoLongerOwnedError(`run ${runId} was cancelled or taken over before it could complete`);
  }
}
