import { Injectable } from '@nestjs/common';
import { NotFoundError } from '../../common/errors/domain-errors';
import { decodeCursor, encodeCursor } from '../../common/validation/page-cursor';
import type { ListInsightsQuery } from './dto/insight.dto';
import { type InsightRecord, InsightsRepository } from './persistence/insights.repository';

const DEFAULT_PAGE_SIZE = 20;

/** Insights as people read them: newest first. */
@Injectable()
export class InsightsService {
  constructor(private readonly insights: InsightsRepository) {}

  async list(organizationId: string, query: ListInsightsQuery): Promise<{ items: InsightRecord[]; nextCursor: string | null }> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const rows = await this.insights.list(organizationId, { runId: query.runId }, limit + 1, query.cursor ? decodeCursor(query.cursor) : undefined);
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return { items, nextCursor: rows.length > limit && last ? encodeCursor(last) : null };
  }

  async get(organizationId: string, id: string): Promise<InsightRecord> {
    const insight = await this.insights.find(organizationId, id);
    if (!insight) throw new NotFoundError('insight', id);
    return insight;
  }
}
