import { Injectable } from '@nestjs/common';
import { decodeCursor, encodeCursor } from '../../common/validation/page-cursor';
import { CampaignNotFoundError } from './campaign-errors';
import type { ListCampaignsQuery } from './dto/campaign-request.dto';
import { type CampaignActivity, CampaignActivityReads } from './persistence/campaign-activity';
import { type CampaignRecord, CampaignsRepository } from './persistence/campaigns.repository';

const DEFAULT_PAGE_SIZE = 20;

@Injectable()
export class CampaignQueries {
  constructor(private readonly campaigns: CampaignsRepository, private readonly activity: CampaignActivityReads) {}

  async list(organizationId: string, query: ListCampaignsQuery): Promise<{ items: CampaignRecord[]; nextCursor: string | null }> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const rows = await this.campaigns.list(organizationId, { status: query.status, brandId: query.brandId }, { limit, ...(query.cursor ? { after: decodeCursor(query.cursor) } : {}) });
    const items = rows.slice(0, limit);
    const last = items.at(-1);
    return { items, nextCursor: rows.length > limit && last ? encodeCursor(last) : null };
  }

  async get(organizationId: string, id: string): Promise<{ campaign: CampaignRecord; activity: CampaignActivity }> {
    const campaign = await this.campaigns.find(organizationId, id);
    if (!campaign) throw new CampaignNotFoundError(id);
    return { campaign, activity: await this.activity.of(id) };
  }
}
