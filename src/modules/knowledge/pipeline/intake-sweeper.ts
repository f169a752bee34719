import { Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import { RedisService } from '../../../infra/redis/redis.service';
import { PeriodicTask } from '../../../infra/scheduling/periodic-task';
import { pendingStageOf } from './intake-jobs';
import { IntakeLedger } from './intake-ledger';
import { IntakeQueues } from './intake-queues';

/** A document in intake whose row has not moved for this long may have lost its job. */
export const STALE_AFTER_MS = 60_000;
const SWEEP_EVERY_MS = 30_000;
const BATCH = 100;

/**
 * No document stays in intake for good: one whose job went missing (the process died between
 * writing the row and queueing the job, Redis lost its data, or the last attempt's failure could
 * not be recorded because the database was away) gets its stage's job back. A job still waiting
 * or running is left alone. Safe in every process at once: job ids are deterministic.
 */
@Injectable()
export class IntakeSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly task = new PeriodicTask((olderThanMs?: number) => this.sweepOnce(olderThanMs ?? STALE_AFTER_MS), SWEEP_EVERY_MS);

  constructor(
    private readonly ledger: IntakeLedger,
    private readonly queues: IntakeQueues,
    private readonly redis: RedisService,
    private readonly logger: PinoLogger,
  ) {
    logger.setContext(IntakeSweeper.name);
  }

  onApplicationBootstrap(): void {
    this.task.start();
  }

  /** Answers how many jobs (re)entered a queue. */
  sweep(olderThanMs = STALE_AFTER_MS): Promise<number> {
    return this.task.runNow(olderThanMs);
  }

  private async sweepOnce(olderThanMs: number): Promise<number> {
    if (!this.redis.isAvailable) return 0;
    let queued = 0;
    try {
      for (const document of await this.ledger.stale(olderThanMs, BATCH)) {
        const stage = pendingStageOf(document);
        if (stage && (await this.queues.ensureQueued(stage, { documentId: document.id, organizationId: document.organizationId, version: document.version }))) queued++;
      }
      if (queued > 0) this.logger.warn({ queued }, 'requeued intake jobs of documents that stopped moving');
    } catch (error) {
      this.logger.warn({ reason: (error as Error).message }, 'intake sweep failed; retrying next interval');
    }
    return queued;
  }

  onApplicationShutdown(): Promise<void> {
    return this.task.stop();
  }
}
