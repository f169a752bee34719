import { Inject, Injectable } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import { APP_CONFIG } from '../../../config/config.module';
import type { AppConfig } from '../../../config/app-config';
import type { RetentionConfig } from '../../../config/governance-config';
import { ExportFiles } from '../exports/export-files';
import { retentionCutoffs, type RetentionKind } from './retention-kinds';
import { RetentionMetrics } from './retention-metrics';
import { RetentionRepository } from './retention.repository';

/** An export not built a day after it was asked for will not be: its job is gone. */
const STALE_EXPORT_MS = 86_400_000;

export type SweepResult = Partial<Record<RetentionKind, number>>;

/**
 * One retention round: for each kind whose period is set, batches of at most RETENTION_BATCH_SIZE
 * rows until none is due. Each batch commits on its own: a round cut short (a deploy, the
 * database away) has kept what it did, and the next round carries on.
 */
@Injectable()
export class RetentionSweep {
  private readonly config: RetentionConfig;
  private readonly exportExpiryMs: number;

  constructor(
    private readonly repository: RetentionRepository,
    private readonly files: ExportFiles,
    private readonly metrics: RetentionMetrics,
    private readonly logger: PinoLogger,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.config = config.governance.retention;
    this.exportExpiryMs = config.governance.exportExpiryDays * 86_400_000;
    logger.setContext(RetentionSweep.name);
  }

  /** `now`: the clock of the round (tests pass their own). */
  async sweep(now: Date = new Date()): Promise<SweepResult> {
    const started = Date.now();
    const purged: SweepResult = {};
    try {
      for (const [kind, cutoff] of retentionCutoffs(this.config, now)) {
        purged[kind] = await this.drain(kind, (limit) => this.purgeBatch(kind, cutoff, limit));
      }
      this.metrics.swept('completed');
      this.logger.info({ purged, now: now.toISOString(), durationMs: Date.now() - started }, 'retention sweep completed');
      return purged;
    } catch (error) {
      this.metrics.swept('failed');
      this.logger.warn({ purged, reason: (error as Error).message }, 'retention sweep failed; the next round carries on');
      throw error;
    }
  }

  private async drain(kind: RetentionKind, batch: (limit: number) => Promise<number>): Promise<number> {
    const limit = this.config.batchSize;
    let total = 0;
    for (;;) {
      const rows = await batch(limit);
      total += rows;
      this.metrics.purgedRows(kind, rows);
      if (rows < limit) return total;
    }
  }

  private purgeBatch(kind: RetentionKind, cutoff: Date, limit: number): Promise<number> {
    switch (kind) {
      case 'run_events':
        return this.repository.purgeRunEvents(cutoff, limit);
      case 'tool_executions':
        return this.repository.purgeToolExecutions(cutoff, limit);
      case 'tool_execution_payloads':
        return this.repository.clearModelCallPayloads(cutoff, limit);
      case 'audit_logs':
        return this.repository.purgeAuditLogs(cutoff, limit);
      case 'deleted_content':
        return this.repository.purgeDeletedContent(cutoff, limit);
      case 'campaign_metrics':
        return this.repository.purgeCampaignMetrics(cutoff, limit);
      case 'exports':
        return this.expireExports(cutoff, limit);
    }
  }

  /** The file first, then the row: a failure between the two leaves a row the next round finds again. */
  private async expireExports(now: Date, limit: number): Promise<number> {
    const stale = await this.repository.failStale(new Date(now.getTime() - STALE_EXPORT_MS), new Date(now.getTime() + this.exportExpiryMs));
    if (stale > 0) this.logger.warn({ exports: stale }, 'exports never built marked FAILED');
    const due = await this.repository.expiredExports(now, limit);
    for (const row of due) if (row.fileName) await this.files.remove(row.fileName);
    return due.length === 0 ? 0 : this.repository.markExpired(due.map((row) => row.id));
  }
}
