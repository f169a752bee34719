import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterPrisma } from '@nestjs-cls/transactional-adapter-prisma';
import { PrismaService } from '../../../infra/prisma/prisma.service';

export interface EmailMetric {
  organizationId: string;
  campaignId: string | null;
  /** queued, sent, suppressed, bounced, failed */
  kind: string;
  value: number;
  /** The row the measure is about; a run when there is none (a compose run that found nobody to send to). */
  subjectType: 'email_sequence' | 'message' | 'agent_run';
  subjectId: string;
}

/** The email channel's measures of a campaign (or of an organization's sends outside one). */
@Injectable()
export class CampaignMetricsRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterPrisma<PrismaService>>) {}

  async record(metrics: EmailMetric[]): Promise<void> {
    if (metrics.length === 0) return;
    await this.txHost.tx.campaignMetric.createMany({ data: metrics.map((metric) => ({ ...metric, channel: 'EMAIL' })) });
  }
}
