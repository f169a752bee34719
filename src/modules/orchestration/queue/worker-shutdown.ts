import { BeforeApplicationShutdown, Inject, Injectable } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import { APP_CONFIG } from '../../../config/config.module';
import type { AppConfig } from '../../../config/app-config';
import { CancellationHub } from '../cancellation-hub';

/** Left of the shutdown budget for handing runs back and closing connections before the forced exit. */
const HAND_BACK_RESERVE_MS = 2_000;

/**
 * A worker's SIGTERM: BullMQ stops taking jobs and waits for the ones in flight (its own shutdown
 * hook). Runs still going when the budget is nearly spent are handed back: aborted here, their
 * leases released by the executor, so another worker resumes them from their step log at once,
 * and this process still exits 0 before the forced exit.
 */
@Injectable()
export class WorkerShutdown implements BeforeApplicationShutdown {
  private timer?: NodeJS.Timeout;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig, private readonly cancellations: CancellationHub, private readonly logger: PinoLogger) {
    logger.setContext(WorkerShutdown.name);
  }

  beforeApplicationShutdown(): void {
    const budget = Math.max(500, this.config.shutdownTimeoutMs - HAND_BACK_RESERVE_MS);
    this.timer = setTimeout(() => {
      const handedBack = this.cancellations.handBackAll();
      if (handedBack > 0) this.logger.warn({ handedBack }, 'handed back runs still in flight at shutdown');
    }, budget);
    this.timer.unref();
  }
}
