import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import IORedis, { Redis } from 'ioredis';
import { once } from 'node:events';
import { PinoLogger } from 'nestjs-pino';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/app-config';
import { ServiceUnavailableError } from '../../common/errors/domain-errors';

/**
 * The shared Redis connection. The service must boot and stay up without Redis: commands fail
 * fast while it is down (no offline queue) and ioredis keeps reconnecting in the background,
 * so features recover without a restart.
 */
@Injectable()
export class RedisService implements OnApplicationShutdown {
  readonly client: Redis;
  private lastReportedState?: 'up' | 'down';

  constructor(@Inject(APP_CONFIG) config: AppConfig, private readonly logger: PinoLogger) {
    logger.setContext(RedisService.name);
    this.client = new IORedis(config.redisUrl, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      connectTimeout: 2_000,
      retryStrategy: (attempt) => Math.min(attempt * 250, 2_000),
      lazyConnect: false,
    });
    this.client.on('ready', () => this.report('up'));
    this.client.on('error', (error: Error) => this.report('down', error));
  }

  get isAvailable(): boolean {
    return this.client.status === 'ready';
  }

  /** For features that need a queue: a clear 503 instead of a hang or a 500. */
  assertAvailable(feature: string): void {
    if (!this.isAvailable) throw new ServiceUnavailableError(`${feature} is unavailable: the queue backend (Redis) cannot be reached; retry shortly`, 5_000);
  }

  /** A connection still being (re)established gets the rest of the timeout to become ready. */
  async ping(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    if (!this.isAvailable) {
      if (this.client.status === 'end') throw new Error('redis connection is closed');
      const status = this.client.status;
      await once(this.client, 'ready', { signal: AbortSignal.timeout(timeoutMs) }).catch((error: Error) => {
        throw new Error(`redis connection is ${status}: ${error.name === 'AbortError' ? 'not ready in time' : error.message}`);
      });
    }
    await withTimeout(this.client.ping(), Math.max(1, deadline - Date.now()), 'redis ping');
  }

  async onApplicationShutdown(): Promise<void> {
    this.client.removeAllListeners('error');
    this.client.on('error', () => undefined);
    if (this.client.status === 'ready') await this.client.quit().catch(() => this.client.disconnect());
    else this.client.disconnect();
  }

  private report(state: 'up' | 'down', error?: Error): void {
    if (state === this.lastReportedState) return;
    this.lastReportedState = state;
    if (state === 'up') this.logger.info('redis connection ready');
    else this.logger.warn({ reason: error?.message }, 'redis unreachable; retrying in the background');
  }
}

export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
