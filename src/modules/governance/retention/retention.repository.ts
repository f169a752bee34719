import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterPrisma } from '@nestjs-cls/transactional-adapter-prisma';
import { PrismaService } from '../../../infra/prisma/prisma.service';

/**
 * One bounded batch per call: each statement picks at most `limit` rows through an age index and
 * deletes (or clears) only those, so no statement holds locks on a large part of a table, and
 * the sweep's loop decides how many batches a round takes. Outside a transaction each statement
 * commits on its own.
 */
@Injectable()
export class RetentionRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterPrisma<PrismaService>>) {}

  private get tx() {
    return this.txHost.tx;
  }

  /** Events of runs that finished before the cutoff; a run still going (or waiting) keeps its log. */
  purgeRunEvents(cutoff: Date, limit: number): Promise<number> {
    return this.tx.$executeRaw`
      DELETE FROM "run_events" e USING (
        SELECT ev."run_id", ev."id" FROM "run_events" ev JOIN "agent_runs" r ON r."id" = ev."run_id"
         WHERE ev."created_at" < ${cutoff} AND r."finished_at" < ${cutoff}
         LIMIT ${limit}) due
       WHERE e."run_id" = due."run_id" AND e."id" = due."id"`;
  }

  /**
   * Steps without a model call, of runs finished before the cutoff. The predicate repeats the
   * partial index's (tool_executions_started_at_idx) so the planner can use it.
   */
  purgeToolExecutions(cutoff: Date, limit: number): Promise<number> {
    return this.tx.$executeRaw`
      DELETE FROM "tool_executions" t USING (
        SELECT te."id" FROM "tool_executions" te JOIN "agent_runs" r ON r."id" = te."run_id"
         WHERE te."started_at" < ${cutoff} AND r."finished_at" < ${cutoff} AND te."model" IS NULL
           AND (te."model" IS NULL OR te."output" IS NOT NULL OR te."error_message" IS NOT NULL OR te."input" <> '{}'::jsonb)
         LIMIT ${limit}) due
       WHERE t."id" = due."id"`;
  }

  /**
   * Model-call steps are the usage record the monthly usage report (and billing) sums: the row
   * stays with its provider, model, tokens and cost; what the call was given and answered goes.
   */
  clearModelCallPayloads(cutoff: Date, limit: number): Promise<number> {
    return this.tx.$executeRaw`
      UPDATE "tool_executions" t SET "input" = '{}'::jsonb, "output" = NULL, "error_message" = NULL FROM (
        SELECT te."id" FROM "tool_executions" te JOIN "agent_runs" r ON r."id" = te."run_id"
         WHERE te."started_at" < ${cutoff} AND r."finished_at" < ${cutoff} AND te."model" IS NOT NULL
           AND (te."model" IS NULL OR te."output" IS NOT NULL OR te."error_message" IS NOT NULL OR te."input" <> '{}'::jsonb)
         LIMIT ${limit}) due
       WHERE t."id" = due."id"`;
  }

  purgeAuditLogs(cutoff: Date, limit: number): Promise<number> {
    return this.tx.$executeRaw`
      DELETE FROM "audit_logs" WHERE "id" IN (SELECT "id" FROM "audit_logs" WHERE "created_at" < ${cutoff} LIMIT ${limit})`;
  }

  /** Content soft-deleted before the cutoff; its versions go with it (ON DELETE CASCADE), posts keep a null content. */
  purgeDeletedContent(cutoff: Date, limit: number): Promise<number> {
    return this.tx.$executeRaw`
      DELETE FROM "contents" WHERE "id" IN (
        SELECT "id" FROM "contents" WHERE "deleted_at" IS NOT NULL AND "deleted_at" < ${cutoff} LIMIT ${limit})`;
  }

  purgeCampaignMetrics(cutoff: Date, limit: number): Promise<number> {
    return this.tx.$executeRaw`
      DELETE FROM "campaign_metrics" WHERE "id" IN (SELECT "id" FROM "campaign_metrics" WHERE "occurred_at" < ${cutoff} LIMIT ${limit})`;
  }

  /** Built (or failed) exports past their expiry, with the file each left behind. */
  expiredExports(now: Date, limit: number): Promise<Array<{ id: string; fileName: string | null }>> {
    return this.tx.dataExport.findMany({
      where: { status: { in: ['READY', 'FAILED'] }, expiresAt: { lt: now } },
      select: { id: true, fileName: true },
      orderBy: { expiresAt: 'asc' },
      take: limit,
    });
  }

  /**
   * Exports still PENDING or RUNNING long after they were asked for lost their job (Redis lost it,
   * every attempt's process died): they say FAILED instead of waiting forever, and expire.
   */
  async failStale(requestedBefore: Date, expiresAt: Date): Promise<number> {
    const { count } = await this.tx.dataExport.updateMany({
      where: { status: { in: ['PENDING', 'RUNNING'] }, createdAt: { lt: requestedBefore } },
      data: { status: 'FAILED', errorMessage: 'the archive was not built in time; request a new export', finishedAt: new Date(), expiresAt },
    });
    return count;
  }

  /** After its file is gone: the row stays as EXPIRED, so GET and download say what happened. */
  async markExpired(ids: string[]): Promise<number> {
    return (await this.tx.dataExport.updateMany({ where: { id: { in: ids }, status: { in: ['READY', 'FAILED'] } }, data: { status: 'EXPIRED', fileName: null } })).count;
  }
}
