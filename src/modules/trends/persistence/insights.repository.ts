import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterPrisma } from '@nestjs-cls/transactional-adapter-prisma';
import type { Prisma } from '../../../generated/prisma/client';
import { PrismaService } from '../../../infra/prisma/prisma.service';
import type { RunCursor } from '../../../common/validation/page-cursor';

export interface InsightRecord {
  id: string;
  runId: string | null;
  topic: string;
  summary: string;
  score: number;
  networks: string[];
  sources: Prisma.JsonValue;
  createdAt: Date;
}

/** A post an insight cites (a type, not an interface: it must be assignable to a JSON value). */
export type InsightSource = {
  network: string;
  id: string;
  url: string;
  text: string;
  createdAt: string;
  metrics: Record<string, number>;
  engagement: number;
  weight: number;
};

export interface NewInsight {
  id: string;
  topic: string;
  summary: string;
  score: number;
  networks: string[];
  sources: InsightSource[];
}

const FIELDS = { id: true, runId: true, topic: true, summary: true, score: true, networks: true, sources: true, createdAt: true } as const;

/** Insights by organization: another organization's insight is not found. */
@Injectable()
export class InsightsRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterPrisma<PrismaService>>) {}

  private get tx() {
    return this.txHost.tx;
  }

  async insertMany(organizationId: string, runId: string, insights: readonly NewInsight[]): Promise<void> {
    if (insights.length === 0) return;
    await this.tx.insight.createMany({ data: insights.map((i) => ({ ...i, organizationId, runId })) });
  }

  find(organizationId: string, id: string): Promise<InsightRecord | null> {
    return this.tx.insight.findFirst({ where: { id, organizationId }, select: FIELDS });
  }

  /** Newest first, then by id (the index's order); (createdAt, id) is the keyset. `take` is the page size plus one. */
  list(organizationId: string, filters: { runId?: string }, take: number, after?: RunCursor): Promise<InsightRecord[]> {
    return this.tx.insight.findMany({
      where: {
        organizationId,
        ...(filters.runId ? { runId: filters.runId } : {}),
        ...(after ? { OR: [{ createdAt: { lt: after.createdAt } }, { createdAt: after.createdAt, id: { gt: after.id } }] } : {}),
      },
      select: FIELDS,
      orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
      take,
    });
  }
}
