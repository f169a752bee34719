import { Injectable } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import { RunLedger } from '../persistence/run-ledger';
import { RunReads } from '../persistence/run-reads';
import { RunQueue } from '../queue/run-queue';
import type { RunRecord } from '../run.records';

const FINAL = ['COMPLETED', 'FAILED', 'CANCELLED', 'TIMED_OUT'];

/**
 * Parents and children (`runs.start`, `waitForRun`): a child that ends wakes its parent, so a
 * parent waiting for it resumes now rather than at its next re-check. Best effort: the re-check
 * covers a wake-up lost here (Redis away, the process killed).
 */
@Injectable()
export class ParentWake {
  constructor(private readonly ledger: RunLedger, private readonly reads: RunReads, private readonly queue: RunQueue, private readonly logger: PinoLogger) {
    logger.setContext(ParentWake.name);
  }

  /** After `child` reached a final status. */
  async childEnded(child: Pick<RunRecord, 'id' | 'parentRunId'>): Promise<void> {
    if (!child.parentRunId) return;
    try {
      await this.wake(child.parentRunId);
    } catch (error) {
      this.logger.warn({ runId: child.id, parentRunId: child.parentRunId, reason: (error as Error).message }, 'parent not woken; its re-check will');
    }
  }

  /**
   * A parent just released to wait for `childRunId`: if the child ended meanwhile (its wake-up
   * found the parent still RUNNING), the parent is due now.
   */
  async ifEndedAlready(parentRunId: string, childRunId: string): Promise<boolean> {
    const child = await this.reads.find(childRunId);
    if (!child || !FINAL.includes(child.status)) return false;
    await this.wake(parentRunId);
    return true;
  }

  private async wake(runId: string): Promise<void> {
    const run = await this.ledger.wakeWaiting(runId);
    if (run) await this.queue.ensureQueued({ runId: run.id, agent: run.agentName, organizationId: run.organizationId, userId: run.userId ?? undefined }, run.attempt);
  }
}
