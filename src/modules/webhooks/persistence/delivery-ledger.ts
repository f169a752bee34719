import { Injectable } from '@nestjs/common';
import { Sql } from '../../../infra/database/sql';
import { WEBHOOK_SQL } from './webhook-sql';

/** A delivery to queue: its id and the attempts already made. */
export interface QueueableDelivery {
  id: string;
  attempts: number;
}

/** A delivery taken for an attempt, with what sending it needs. */
export interface ClaimedDelivery {
  id: string;
  organizationId: string;
  endpointId: string;
  eventType: string;
  /** The JSON body exactly as sent and signed. */
  body: string;
  attempts: number;
  url: string;
  secretCiphertext: string;
  enabled: boolean;
  disabledReason: string | null;
}

export interface FailureRecord {
  status: 'PENDING' | 'FAILED';
  attempts: number;
  /** True when this failure disabled the endpoint. */
  disabled: boolean;
  disabledReason: string | null;
}

export interface FailedAttempt {
  statusCode: number | null;
  error: string;
  /** Null: no retry (the schedule is spent, or the receiver is gone). */
  retryInMs: number | null;
  disableAfterFailures: number;
  gone: boolean;
}

/**
 * The deliveries' durable records on the pg pool: created from run events, claimed for an
 * attempt, and each attempt's outcome with its endpoint's failure streak, each in one statement.
 */
@Injectable()
export class DeliveryLedger {
  constructor(private readonly sql: Sql) {}

  createForEvent(eventId: string, runId: string): Promise<QueueableDelivery[]> {
    return this.sql.rows<QueueableDelivery>(WEBHOOK_SQL.createForEvent, [eventId, runId]);
  }

  createMissed(windowMs: number, graceMs: number, limit: number): Promise<QueueableDelivery[]> {
    return this.sql.rows<QueueableDelivery>(WEBHOOK_SQL.createMissed, [windowMs, graceMs, limit]);
  }

  overdue(graceMs: number, limit: number): Promise<QueueableDelivery[]> {
    return this.sql.rows<QueueableDelivery>(WEBHOOK_SQL.overdue, [graceMs, limit]);
  }

  claim(deliveryId: string, holdMs: number): Promise<ClaimedDelivery | null> {
    return this.sql.maybeOne<ClaimedDelivery>(WEBHOOK_SQL.claim, [deliveryId, holdMs]);
  }

  /** False when the attempt was no longer this one's to record (retried or deleted meanwhile). */
  async succeeded(delivery: ClaimedDelivery, statusCode: number): Promise<boolean> {
    const row = await this.sql.maybeOne<{ recorded: number }>(WEBHOOK_SQL.succeeded, [delivery.id, delivery.attempts, statusCode]);
    return (row?.recorded ?? 0) > 0;
  }

  async failed(delivery: ClaimedDelivery, attempt: FailedAttempt): Promise<FailureRecord | null> {
    const row = await this.sql.maybeOne<FailureRecord & { disabled: boolean | null }>(WEBHOOK_SQL.failed, [
      delivery.id,
      delivery.attempts,
      attempt.statusCode,
      attempt.error,
      attempt.retryInMs,
      attempt.disableAfterFailures,
      attempt.gone,
    ]);
    return row ? { ...row, disabled: row.disabled === true } : null;
  }

  async abandon(deliveryId: string, reason: string): Promise<void> {
    await this.sql.count(WEBHOOK_SQL.abandon, [deliveryId, reason]);
  }
}
