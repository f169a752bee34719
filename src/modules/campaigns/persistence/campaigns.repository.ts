import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterPrisma } from '@nestjs-cls/transactional-adapter-prisma';
import type { Prisma } from '../../../generated/prisma/client';
import type { CampaignStatus } from '../../../generated/prisma/enums';
import { PrismaService } from '../../../infra/prisma/prisma.service';

export interface CampaignAudience {
  emails?: string[];
  phones?: string[];
}

export interface CampaignSettings {
  contentFormat?: 'blog_post' | 'landing_page' | 'newsletter';
  networks?: ('x' | 'linkedin' | 'facebook' | 'instagram' | 'tiktok' | 'youtube')[];
  mediaUrl?: string;
}

export interface CampaignRecord {
  id: string;
  organizationId: string;
  brandId: string | null;
  personaId: string | null;
  name: string;
  goal: string;
  channels: string[];
  status: CampaignStatus;
  audience: CampaignAudience;
  settings: CampaignSettings;
  createdById: string | null;
  launchedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface CampaignFields {
  name: string;
  goal: string;
  brandId: string | null;
  personaId: string | null;
  channels: string[];
  audience: CampaignAudience;
  settings: CampaignSettings;
}

const FIELDS = {
  id: true,
  organizationId: true,
  brandId: true,
  personaId: true,
  name: true,
  goal: true,
  channels: true,
  status: true,
  audience: true,
  settings: true,
  createdById: true,
  launchedAt: true,
  createdAt: true,
  updatedAt: true,
} as const;

type Row = Prisma.CampaignGetPayload<{ select: typeof FIELDS }>;

/** Campaigns by organization: another organization's campaign is not found. */
@Injectable()
export class CampaignsRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterPrisma<PrismaService>>) {}

  private get tx() {
    return this.txHost.tx;
  }

  async create(owner: { organizationId: string; userId: string }, fields: CampaignFields): Promise<CampaignRecord> {
    const row = await this.tx.campaign.create({ data: { organizationId: owner.organizationId, createdById: owner.userId, ...fields, audience: fields.audience as Prisma.InputJsonValue, settings: fields.settings as Prisma.InputJsonValue }, select: FIELDS });
    return toRecord(row);
  }

  async find(organizationId: string, id: string): Promise<CampaignRecord | null> {
    const row = await this.tx.campaign.findFirst({ where: { id, organizationId }, select: FIELDS });
    return row ? toRecord(row) : null;
  }

  /** Newest first; (createdAt, id) is the keyset. */
  async list(organizationId: string, filter: { status?: CampaignStatus; brandId?: string }, page: { limit: number; after?: { createdAt: Date; id: string } }): Promise<CampaignRecord[]> {
    const { after } = page;
    const rows = await this.tx.campaign.findMany({
      where: {
        organizationId,
        ...(filter.status ? { status: filter.status } : {}),
        ...(filter.brandId ? { brandId: filter.brandId } : {}),
        ...(after ? { OR: [{ createdAt: { lt: after.createdAt } }, { createdAt: after.createdAt, id: { lt: after.id } }] } : {}),
      },
      select: FIELDS,
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: page.limit + 1,
    });
    return rows.map(toRecord);
  }

  /** Only while the campaign has not been launched: null otherwise (or when it is not the organization's). */
  async updateDraft(organizationId: string, id: string, fields: Partial<CampaignFields>): Promise<CampaignRecord | null> {
    const { count } = await this.tx.campaign.updateMany({ where: { id, organizationId, status: { in: ['DRAFT', 'FAILED'] } }, data: json(fields) });
    return count === 1 ? this.find(organizationId, id) : null;
  }

  /**
   * -> LAUNCHING in one conditional update, so of two launches at once one wins: from DRAFT or
   * FAILED, or from LAUNCHING when its last launch run ended without completing (timed out, its
   * attempts used up: the run could not record the failure on the campaign itself). Null when the
   * campaign was not launchable.
   */
  async markLaunching(organizationId: string, id: string, launchAgent: string): Promise<CampaignRecord | null> {
    const count = await this.tx.$executeRaw`
      UPDATE "campaigns" SET "status" = 'LAUNCHING', "launched_at" = now(), "updated_at" = now()
      WHERE "id" = ${id}::uuid AND "organization_id" = ${organizationId}::uuid
        AND ("status" IN ('DRAFT', 'FAILED')
          OR ("status" = 'LAUNCHING' AND (
            SELECT "run"."status" FROM "agent_runs" AS "run" JOIN "agents" ON "agents"."id" = "run"."agent_id"
            WHERE "run"."campaign_id" = "campaigns"."id" AND "agents"."name" = ${launchAgent}
            ORDER BY "run"."created_at" DESC LIMIT 1) IN ('FAILED', 'CANCELLED', 'TIMED_OUT')))`;
    return count === 1 ? this.find(organizationId, id) : null;
  }

  async setStatus(organizationId: string, id: string, status: CampaignStatus): Promise<void> {
    await this.tx.campaign.updateMany({ where: { id, organizationId }, data: { status } });
  }

  async brandExists(organizationId: string, brandId: string): Promise<boolean> {
    return (await this.tx.brand.count({ where: { id: brandId, organizationId } })) === 1;
  }

  async personaExists(organizationId: string, personaId: string): Promise<boolean> {
    return (await this.tx.persona.count({ where: { id: personaId, organizationId } })) === 1;
  }
}

function json(fields: Partial<CampaignFields>) {
  const { audience, settings, ...rest } = fields;
  return {
    ...rest,
    ...(audience !== undefined ? { audience: audience as Prisma.InputJsonValue } : {}),
    ...(settings !== undefined ? { settings: settings as Prisma.InputJsonValue } : {}),
  };
}

function toRecord(row: Row): CampaignRecord {
  return { ...row, audience: (row.audience ?? {}) as CampaignAudience, settings: (row.settings ?? {}) as CampaignSettings };
}
