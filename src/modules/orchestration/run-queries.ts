import { Injectable } from '@nestjs/common';
import { NotFoundError } from '../../common/errors/domain-errors';
import type { ListRunsQuery } from './dto/list-runs.query';
import { RunReads } from './persistence/run-reads';
import { StepLog } from './persistence/step-log';
import { decodeCursor, encodeCursor } from '../../common/validation/page-cursor';
import type { FinishedRun, RunRecord } from './run.records';

const DEFAULT_PAGE_SIZE = 20;

/** Reads for the API: one run with its tool executions, and pages of an organization's runs. */
@Injectable()
export class RunQueries {
  constructor(private readonly reads: RunReads, private readonly steps: StepLog) {}

  async get(organizationId: string, id: string): Promise<FinishedRun> {
    const run = await this.reads.find(id, organizationId);
    if (!run) throw new NotFoundError('run', id);
    return { run, toolExecutions: await this.steps.forRun(id) };
  }

  async list(organizationId: string, query: ListRunsQuery): Promise<{ items: RunRecord[]; nextCursor: string | null }> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const rows = await this.reads.list({
      organizationId,
      agent: query.agent,
      status: query.status,
      since: query.since,
      until: query.until,
      after: query.cursor ? decodeCursor(query.cursor) : undefined,
      limit: limit + 1,
    });
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return { items, nextCursor: rows.length > limit && last ? encodeCursor(last) : null };
  }
}
