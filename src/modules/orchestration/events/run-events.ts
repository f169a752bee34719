import { Injectable } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import { Sql } from '../../../infra/database/sql';
import { RedisService } from '../../../infra/redis/redis.service';
import { jsonParam } from '../run.records';
import { runEventChannel, TEXT_DELTA_EVENT, type RunEventMessage, type RunEventRecord, type StoredRunEventType } from './run-event';
import { RUN_EVENT_SQL } from './run-event-sql';

/** In-process subscribers to every stored event this process appends (webhooks, metrics). */
export type RunEventListener = (event: RunEventRecord) => void;

/**
 * Appends to runs' event logs and publishes what was appended. The engine's own transitions and
 * steps append their event in the statement that makes the change (see `withRunEvents` in
 * run-sql.ts), so a transition and its event are one write; those statements hand the events
 * they returned to `publish`. Everything else (an approval decided, a run waiting for its
 * organization's slot) appends here.
 *
 * Publishing is Redis pub/sub on the run's channel, for the API processes whose clients follow
 * the run (GET /v1/runs/:id/events), and the in-process listeners. Pub/sub may drop a message
 * while Redis is away: followers read the stored log from their last id, so nothing stored is
 * lost to them, only a text delta may be.
 */
@Injectable()
export class RunEvents {
  private readonly listeners = new Set<RunEventListener>();
  /** Messages of this turn of the event loop, published together at its end. */
  private outbox: RunEventMessage[] = [];

  constructor(private readonly sql: Sql, private readonly redis: RedisService, private readonly logger: PinoLogger) {
    logger.setContext(RunEvents.name);
  }

  async append(run: { id: string; organizationId: string }, type: StoredRunEventType, data: Record<string, unknown> = {}): Promise<RunEventRecord> {
    const [row] = await this.sql.rows<RunEventRecord>(RUN_EVENT_SQL.append, [run.organizationId, run.id, type, jsonParam(data)]);
    const event = asRecord(row);
    this.publish([event]);
    return event;
  }

  /** Events already stored (by the statement that made the change), now announced. */
  publish(events: readonly RunEventRecord[] | null | undefined): void {
    if (!events?.length) return;
    for (const stored of events) {
      const event = asRecord(stored);
      for (const listener of this.listeners) {
        try {
          listener(event);
        } catch (error) {
          this.logger.warn({ runId: event.runId, type: event.type, reason: (error as Error).message }, 'run event listener failed');
        }
      }
      this.send(event);
    }
  }

  /** A streaming model call's text, live to whoever follows the run; never stored. */
  textDelta(runId: string, step: number, delta: string): void {
    this.send({ runId, type: TEXT_DELTA_EVENT, step, delta });
  }

  listen(listener: RunEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Stored events of a run after `afterId` (exclusive), oldest first. */
  async after(runId: string, afterId: string | null, limit: number): Promise<RunEventRecord[]> {
    return (await this.sql.rows<RunEventRecord>(RUN_EVENT_SQL.after, [runId, afterId ?? '0', limit])).map(asRecord);
  }

  /**
   * Not awaited: a run never waits for its followers. The messages of one turn of the event loop
   * (every run's events whose statements returned in it) leave in one pipeline, one socket write:
   * a write per event cost a sync run more API CPU than its own statements (bench:profile, writev).
   * ioredis keeps the order of one connection's commands, so each run's events stay in order.
   */
  private send(message: RunEventMessage): void {
    if (this.outbox.push(message) === 1) setImmediate(() => this.flush());
  }

  private flush(): void {
    const batch = this.outbox;
    this.outbox = [];
    if (!this.redis.isAvailable) return;
    const pipeline = this.redis.client.pipeline();
    for (const message of batch) pipeline.publish(runEventChannel(message.runId), JSON.stringify(message));
    pipeline.exec().catch(() => undefined);
  }
}

/** One shape whichever way the row came (a Date from a column, text from a statement's JSON). */
function asRecord(event: RunEventRecord): RunEventRecord {
  return { ...event, createdAt: new Date(event.createdAt).toISOString() };
}
