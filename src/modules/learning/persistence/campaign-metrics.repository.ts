import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterPrisma } from '@nestjs-cls/transactional-adapter-prisma';
import type { MessageChannel } from '../../../generated/prisma/enums';
import { PrismaService } from '../../../infra/prisma/prisma.service';

export interface MessageSubject {
  id: string;
  channel: MessageChannel;
  toAddress: string | null;
  campaignId: string | null;
}

export interface PostSubject {
  id: string;
  campaignId: string | null;
}

export interface MetricRow {
  campaignId: string | null;
  channel: string;
  kind: string;
  value: number;
  subjectType: 'message' | 'social_post' | null;
  subjectId: string | null;
  occurredAt: Date;
}

/** Outcomes reported for an organization's sends and posts; every read names the organization, so another's rows are not found. */
@Injectable()
export class CampaignMetricsRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterPrisma<PrismaService>>) {}

  async ownCampaignIds(organizationId: string, ids: string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await this.txHost.tx.campaign.findMany({ where: { organizationId, id: { in: ids } }, select: { id: true } });
    return new Set(rows.map((r) => r.id));
  }

  async ownMessages(organizationId: string, ids: string[]): Promise<Map<string, MessageSubject>> {
    if (ids.length === 0) return new Map();
    const rows = await this.txHost.tx.message.findMany({ where: { organizationId, id: { in: ids } }, select: { id: true, channel: true, toAddress: true, campaignId: true } });
    return new Map(rows.map((r) => [r.id, r]));
  }

  async ownPosts(organizationId: string, ids: string[]): Promise<Map<string, PostSubject>> {
    if (ids.length === 0) return new Map();
    const rows = await this.txHost.tx.socialPost.findMany({ where: { organizationId, id: { in: ids } }, select: { id: true, campaignId: true } });
    return new Map(rows.map((r) => [r.id, r]));
  }

  async insertMany(organizationId: string, rows: MetricRow[]): Promise<number> {
    const { count } = await this.txHost.tx.campaignMetric.createMany({ data: rows.map((row) => ({ organizationId, ...row })) });
    return count;
  }
}
