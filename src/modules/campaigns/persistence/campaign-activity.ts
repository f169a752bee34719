import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterPrisma } from '@nestjs-cls/transactional-adapter-prisma';
import { PrismaService } from '../../../infra/prisma/prisma.service';

const RECENT = 50;

export interface CampaignActivity {
  runs: { id: string; agent: string; status: string; parentRunId: string | null; createdAt: Date; finishedAt: Date | null }[];
  contents: { id: string; kind: string; status: string; title: string; voiceScore: number | null; createdAt: Date }[];
  sends: { byStatus: Record<string, number>; recent: { id: string; channel: string; status: string; toAddress: string | null; subject: string | null; providerMessageId: string | null; sentAt: Date | null }[] };
  posts: { id: string; network: string; status: string; externalId: string | null; externalUrl: string | null; publishedAt: Date | null; metrics: unknown }[];
  metrics: { channel: string; kind: string; total: number; count: number }[];
}

/**
 * What a campaign did, read for its page: its runs (each step of a launch and the stages they
 * started), the content, the sends and posts written for it, and its measured outcomes summed by
 * channel and kind. Five reads, each on an index led by campaign_id.
 */
@Injectable()
export class CampaignActivityReads {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterPrisma<PrismaService>>) {}

  async of(campaignId: string): Promise<CampaignActivity> {
    const tx = this.txHost.tx;
    const [runs, contents, byStatus, recent, posts, metrics] = await Promise.all([
      tx.agentRun.findMany({
        where: { campaignId },
        select: { id: true, status: true, parentRunId: true, createdAt: true, finishedAt: true, agent: { select: { name: true } } },
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
        take: 200,
      }),
      tx.content.findMany({ where: { campaignId, deletedAt: null }, select: { id: true, kind: true, status: true, title: true, voiceScore: true, createdAt: true }, orderBy: { createdAt: 'asc' } }),
      tx.message.groupBy({ by: ['status'], where: { campaignId }, _count: { _all: true } }),
      tx.message.findMany({
        where: { campaignId },
        select: { id: true, channel: true, status: true, toAddress: true, subject: true, providerMessageId: true, sentAt: true },
        orderBy: { createdAt: 'desc' },
        take: RECENT,
      }),
      tx.socialPost.findMany({ where: { campaignId }, select: { id: true, network: true, status: true, externalId: true, externalUrl: true, publishedAt: true, metrics: true }, orderBy: { createdAt: 'asc' } }),
      tx.campaignMetric.groupBy({ by: ['channel', 'kind'], where: { campaignId }, _sum: { value: true }, _count: { _all: true }, orderBy: [{ channel: 'asc' }, { kind: 'asc' }] }),
    ]);
    return {
      runs: runs.map(({ agent, ...run }) => ({ ...run, agent: agent.name })),
      contents,
      sends: { byStatus: Object.fromEntries(byStatus.map((row) => [row.status, row._count._all])), recent },
      posts,
      metrics: metrics.map((row) => ({ channel: row.channel, kind: row.kind, total: row._sum.value ?? 0, count: row._count._all })),
    };
  }
}
