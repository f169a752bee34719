import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterPrisma } from '@nestjs-cls/transactional-adapter-prisma';
import { PrismaService } from '../../../infra/prisma/prisma.service';

export interface CampaignSource {
  id: string;
  name: string;
  goal: string;
  brandId: string | null;
}

export interface ContentSource {
  id: string;
  title: string;
  brief: string;
  /** The text of its current version. */
  body: string;
  brandId: string | null;
  campaignId: string | null;
}

/** What an email is written from, read for one organization: another organization's row is not found. */
@Injectable()
export class EmailSourcesRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterPrisma<PrismaService>>) {}

  campaign(organizationId: string, id: string): Promise<CampaignSource | null> {
    return this.txHost.tx.campaign.findFirst({ where: { id, organizationId }, select: { id: true, name: true, goal: true, brandId: true } });
  }

  /** A deleted content is not found; the title and text of its current version, in one statement. */
  async content(organizationId: string, id: string): Promise<ContentSource | null> {
    const rows = await this.txHost.tx.$queryRaw<Array<{ id: string; title: string; brief: string; body: string | null; brand_id: string | null; campaign_id: string | null }>>`
      SELECT c.id, coalesce(v.title, c.title) AS title, c.brief, v.body, c.brand_id, c.campaign_id
      FROM contents c
      LEFT JOIN content_versions v ON v.content_id = c.id AND v.version = c.current_version
      WHERE c.id = ${id}::uuid AND c.organization_id = ${organizationId}::uuid AND c.deleted_at IS NULL`;
    const [row] = rows;
    return row ? { id: row.id, title: row.title, brief: row.brief, body: row.body ?? '', brandId: row.brand_id, campaignId: row.campaign_id } : null;
  }
}
