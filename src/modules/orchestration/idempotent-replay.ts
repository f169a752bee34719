import { Inject, Injectable } from '@nestjs/common';
import { setTimeout as delay } from 'node:timers/promises';
import { AuditService } from '../audit/audit.service';
import { UnprocessableError } from '../../common/errors/domain-errors';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/app-config';
import { RunLedger } from './persistence/run-ledger';
import { RunReads } from './persistence/run-reads';
import { StepLog } from './persistence/step-log';
import { FINAL_STATUSES, WAITING_STATUSES, type FinishedRun, type RunMode, type RunRecord } from './run.records';

/** How long an Idempotency-Key binds to its first request. */
export const IDEMPOTENCY_WINDOW_MS = 24 * 60 * 60 * 1000;
const SETTLE_POLL_MS = 25;

/**
 * The same Idempotency-Key and body within 24 h answer with the original run, never a second
 * execution; a different body is 422; an expired key is released so a new run may take it.
 */
@Injectable()
export class IdempotentReplay {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly reads: RunReads,
    private readonly ledger: RunLedger,
    private readonly steps: StepLog,
    private readonly audit: AuditService,
  ) {}

  /** The earlier run this request repeats, or null when the key is free (never used, or expired and now released). */
  async find(organizationId: string, key: string, hash: string, now = Date.now()): Promise<RunRecord | null> {
    const earlier = await this.reads.findByIdempotencyKey(organizationId, key);
    if (!earlier) return null;
    if (now - earlier.createdAt.getTime() > IDEMPOTENCY_WINDOW_MS) {
      await this.ledger.releaseIdempotencyKey(earlier.id);
      return null;
    }
    if (earlier.requestHash !== hash) throw new UnprocessableError(`Idempotency-Key ${key} was already used with a different request body`);
    return earlier;
  }

  /**
   * A sync replay answers like the original did: with the run once it has finished (bounded by
   * the run timeout), and its tool executions. An async replay answers with the run as it is.
   */
  async answer(run: RunRecord, mode: RunMode): Promise<FinishedRun> {
    // A replay changes nothing: the original request's audit entry stands alone.
    this.audit.nothingChanged();
    if (mode === 'ASYNC') return { run, toolExecutions: [] };
    const deadline = Date.now() + this.config.runs.timeoutMs + 5_000;
    let current = run;
    // A run that waits (for approval, a sleep) answers as it is: its first answer was 202 with it waiting.
    while (!FINAL_STATUSES.includes(current.status) && !WAITING_STATUSES.includes(current.status) && Date.now() < deadline) {
      await delay(SETTLE_POLL_MS);
      current = (await this.reads.find(run.id)) ?? current;
    }
    return { run: current, toolExecutions: await this.steps.forRun(run.id) };
  }
}
