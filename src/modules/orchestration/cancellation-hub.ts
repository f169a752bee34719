import { Injectable, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import type { RedisClient } from '../../infra/redis/redis-client';
import { PinoLogger } from 'nestjs-pino';
import { RedisService } from '../../infra/redis/redis.service';
import { RunCancelledError, RunHandedBackError } from './run-errors';
import { redisChannels } from '../../infra/redis/redis-keys';

const CHANNEL = redisChannels.runCancel;

/**
 * Delivers a cancel to whichever process executes the run: its own AbortController when local,
 * Redis pub/sub otherwise. The lease renewal also reads `cancel_requested_at`, so a cancel sent
 * while Redis is down still lands within a third of a lease.
 */
@Injectable()
export class CancellationHub implements OnModuleInit, OnApplicationShutdown {
  private readonly running = new Map<string, AbortController>();
  private subscriber?: RedisClient;

  constructor(private readonly redis: RedisService, private readonly logger: PinoLogger) {
    logger.setContext(CancellationHub.name);
  }

  onModuleInit(): void {
    this.subscriber = this.redis.duplicate({ enableOfflineQueue: true, maxRetriesPerRequest: null });
    this.subscriber.on('error', () => undefined);
    this.subscriber.on('message', (_channel: string, runId: string) => this.abortLocal(runId));
    void this.subscriber.subscribe(CHANNEL).catch(() => undefined);
  }

  register(runId: string, controller: AbortController): () => void {
    this.running.set(runId, controller);
    return () => this.running.delete(runId);
  }

  async broadcast(runId: string): Promise<void> {
    if (this.abortLocal(runId)) return;
    await this.redis.client.publish(CHANNEL, runId).catch((error: Error) => this.logger.warn({ runId, reason: error.message }, 'cancel broadcast failed; the lease renewal will deliver it'));
  }

  abortLocal(runId: string): boolean {
    const controller = this.running.get(runId);
    if (!controller) return false;
    controller.abort(new RunCancelledError());
    return true;
  }

  /** Shutdown past its budget: every run still going here is given back (see RunExecutor). */
  handBackAll(): number {
    for (const controller of this.running.values()) controller.abort(new RunHandedBackError());
    return this.running.size;
  }

  async onApplicationShutdown(): Promise<void> {
    this.subscriber?.disconnect();
  }
}
