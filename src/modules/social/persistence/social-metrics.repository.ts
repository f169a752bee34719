import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterPrisma } from '@nestjs-cls/transactional-adapter-prisma';
import { PrismaService } from '../../../infra/prisma/prisma.service';

export const SOCIAL_CHANNEL = 'social';
export const SOCIAL_POST_SUBJECT = 'social_post';

export interface SocialMetricRow {
  organizationId: string;
  campaignId: string;
  socialPostId: string;
  kind: string;
  value: number;
}

/** A campaign's social measures: one row per post, kind and sync that moved the count. */
@Injectable()
export class SocialMetricsRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterPrisma<PrismaService>>) {}

  async insert(rows: SocialMetricRow[]): Promise<void> {
    if (rows.length === 0) return;
    await this.txHost.tx.campaignMetric.createMany({
      data: rows.map((row) => ({
        organizationId: row.organizationId,
        campaignId: row.campaignId,
        channel: SOCIAL_CHANNEL,
        kind: row.kind,
        value: row.value,
        subjectType: SOCIAL_POST_SUBJECT,
        subjectId: row.socialPostId,
      })),
    });
  }
}
