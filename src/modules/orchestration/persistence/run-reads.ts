import { Injectable } from '@nestjs/common';
import { Sql } from '../../../infra/database/sql';
import { timestampParam as ts, type RunRecord, type RunStatus } from '../run.records';
import { RUN_READ_SQL } from './run-sql';

export interface RunFilter {
  organizationId: string;
  agent?: string;
  status?: RunStatus;
  since?: Date;
  until?: Date;
  after?: { createdAt: Date; id: string };
  limit: number;
}

/** Reads of run rows, as the engine's plain records. */
@Injectable()
export class RunReads {
  constructor(private readonly sql: Sql) {}

  find(id: string, organizationId?: string): Promise<RunRecord | null> {
    return this.sql.maybeOne<RunRecord>(RUN_READ_SQL.byId, [id, organizationId ?? null]);
  }

  findByIdempotencyKey(organizationId: string, idempotencyKey: string): Promise<RunRecord | null> {
    return this.sql.maybeOne<RunRecord>(RUN_READ_SQL.byIdempotencyKey, [organizationId, idempotencyKey]);
  }

  list(filter: RunFilter): Promise<RunRecord[]> {
    return this.sql.rows<RunRecord>(RUN_READ_SQL.list, [
      filter.organizationId,
      filter.agent ?? null,
      filter.status ?? null,
      filter.since ? ts(filter.since) : null,
      filter.until ? ts(filter.until) : null,
      filter.after ? ts(filter.after.createdAt) : null,
      filter.after?.id ?? null,
      filter.limit,
    ]);
  }
}
