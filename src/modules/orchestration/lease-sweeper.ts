import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/app-config';
import { RunQueue } from './queue/run-queue';
import { RunsRepository } from './runs.repository';

/**
 * No run stays RUNNING after its process died: runs whose lease lapsed are requeued (attempts
 * left) or ended FAILED. Safe to run in every process at once: each step is a conditional update.
 */
@Injectable()
export class LeaseSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer?: NodeJS.Timeout;
  private sweeping?: Promise<void>;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly runs: RunsRepository,
    private readonly queue: RunQueue,
    private readonly logger: PinoLogger,
  ) {
    logger.setContext(LeaseSweeper.name);
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.sweep(), Math.max(500, Math.floor(this.config.runs.leaseMs / 2)));
    this.timer.unref();
  }

  sweep(): Promise<void> {
    this.sweeping ??= this.sweepOnce().finally(() => (this.sweeping = undefined));
    return this.sweeping;
  }

  private async sweepOnce(): Promise<void> {
    try {
      const { requeued, exhausted } = await this.runs.reclaimExpired(this.config.runs.maxAttempts);
      for (const id of requeued) {
        const run = await this.runs.find(id);
        if (run) await this.queue.enqueue({ runId: id, organizationId: run.organizationId, userId: run.userId ?? undefined }, run.attempt);
      }
      if (requeued.length || exhausted.length) this.logger.warn({ requeued, exhausted }, 'reclaimed runs whose process stopped');
      // Re-adding is harmless when the job still exists: its id is deterministic, so BullMQ ignores the duplicate.
      for (const run of await this.runs.staleQueued(new Date(Date.now() - this.config.runs.leaseMs))) {
        await this.queue.enqueue({ runId: run.id, organizationId: run.organizationId, userId: run.userId ?? undefined }, run.attempt);
      }
    } catch (error) {
      this.logger.warn({ reason: (error as Error).message }, 'lease sweep failed; retrying next interval');
    }
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.sweeping;
  }
}
