import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterPrisma } from '@nestjs-cls/transactional-adapter-prisma';
import { PrismaService } from '../../../infra/prisma/prisma.service';
import type { RunEventRecord } from '../events/run-event';
import { jsonParam, type RunRecord } from '../run.records';
import { RUN_SQL } from './run-sql';

/**
 * The one run write that joins the run's business transaction (`txHost.tx`): COMPLETED commits
 * together with the agent's deferred writes, or not at all. Kept apart from the durable RunLedger
 * so that which client a write uses is decided by the class it lives in.
 */
@Injectable()
export class RunCompletionRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterPrisma<PrismaService>>) {}

  /** With the run.completed event the statement appended, for the committer to publish after the commit. */
  async complete(id: string, owner: string, output: unknown): Promise<(RunRecord & { events?: RunEventRecord[] }) | null> {
    const rows = await this.txHost.tx.$queryRawUnsafe<Array<RunRecord & { events?: RunEventRecord[] }>>(RUN_SQL.complete, id, owner, jsonParam(output));
    return rows[0] ?? null;
  }
}
