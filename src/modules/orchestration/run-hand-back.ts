import { BeforeApplicationShutdown, Inject, Injectable } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/app-config';
import { CancellationHub } from './cancellation-hub';

/** Left of the shutdown budget for handing runs back, answering their callers and closing connections. */
const HAND_BACK_RESERVE_MS = 2_000;

/**
 * SIGTERM in any process that executes runs. The runs in flight get the shutdown budget to
 * finish (a worker stops taking jobs, the API stops accepting requests); those still going when
 * it is nearly spent are handed back: aborted here, requeued by the executor from their step log
 * for another process, their sync callers answered 202 with the run, so the process exits 0
 * before the forced exit and no caller's connection is reset.
 */
@Injectable()
export class RunHandBack implements BeforeApplicationShutdown {
  private timer?: NodeJS.Timeout;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig, private readonly cancellations: CancellationHub, private readonly logger: PinoLogger) {
    logger.setContext(RunHandBack.name);
  }

  beforeApplicationShutdown(): void {
    if (this.timer) return;
    const budget = Math.max(500, this.config.shutdownTimeoutMs - HAND_BACK_RESERVE_MS);
    this.timer = setTimeout(() => {
      const handedBack = this.cancellations.handBackAll();
      if (handedBack > 0) this.logger.warn({ handedBack }, 'handed back runs still in flight at shutdown');
    }, budget);
    this.timer.unref();
  }
}
