import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterPrisma } from '@nestjs-cls/transactional-adapter-prisma';
import type { Prisma } from '../../../generated/prisma/client';
import type { ContentKind, ContentStatus } from '../../../generated/prisma/enums';
import { PrismaService } from '../../../infra/prisma/prisma.service';
import type { CitedPassage } from '../drafting/draft-text';

export interface ContentRecord {
  id: string;
  brandId: string | null;
  campaignId: string | null;
  runId: string | null;
  kind: ContentKind;
  status: ContentStatus;
  title: string;
  brief: string;
  currentVersion: number;
  voiceScore: number | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface ContentVersionRecord {
  version: number;
  title: string;
  body: string;
  voiceScore: number | null;
  passages: CitedPassage[];
  note: string | null;
  runId: string | null;
  userId: string | null;
  createdAt: Date;
}

export type NewContentVersion = Omit<ContentVersionRecord, 'createdAt'>;

export interface NewContent extends Omit<ContentRecord, 'createdAt' | 'updatedAt'> {
  organizationId: string;
  versions: NewContentVersion[];
}

export interface ContentFilter {
  status?: ContentStatus;
  kind?: ContentKind;
  brandId?: string;
  campaignId?: string;
  /** Words in the title or the brief, any case. */
  q?: string;
}

export interface ContentPageRequest {
  limit: number;
  after?: { createdAt: Date; id: string };
}

export type ContentChange = Partial<Pick<ContentRecord, 'status' | 'title' | 'currentVersion' | 'voiceScore'>>;

const CONTENT_FIELDS = {
  id: true,
  brandId: true,
  campaignId: true,
  runId: true,
  kind: true,
  status: true,
  title: true,
  brief: true,
  currentVersion: true,
  voiceScore: true,
  createdAt: true,
  updatedAt: true,
} as const;

const VERSION_FIELDS = { version: true, title: true, body: true, voiceScore: true, passages: true, note: true, runId: true, userId: true, createdAt: true } as const;

/**
 * Content and its versions, always restricted to the caller's organization and to content not
 * deleted: another organization's content, or deleted content, is not found.
 */
@Injectable()
export class ContentsRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterPrisma<PrismaService>>) {}

  private get tx() {
    return this.txHost.tx;
  }

  /** One statement: the content and all its versions. */
  async create(content: NewContent): Promise<void> {
    const { versions, organizationId, ...fields } = content;
    await this.tx.content.create({
      data: {
        ...fields,
        organizationId,
        versions: { createMany: { data: versions.map((v) => ({ ...v, organizationId, passages: v.passages as unknown as Prisma.InputJsonValue })) } },
      },
      select: { id: true },
    });
  }

  async campaignBelongs(organizationId: string, campaignId: string): Promise<boolean> {
    return (await this.tx.campaign.count({ where: { id: campaignId, organizationId } })) > 0;
  }

  /** Newest first; (createdAt, id) is the keyset, so a page boundary between equal times loses nothing. */
  list(organizationId: string, filter: ContentFilter, page: ContentPageRequest): Promise<ContentRecord[]> {
    const after = page.after;
    return this.tx.content.findMany({
      where: {
        organizationId,
        deletedAt: null,
        ...(filter.status ? { status: filter.status } : {}),
        ...(filter.kind ? { kind: filter.kind } : {}),
        ...(filter.brandId ? { brandId: filter.brandId } : {}),
        ...(filter.campaignId ? { campaignId: filter.campaignId } : {}),
        AND: [
          filter.q ? { OR: [{ title: { contains: filter.q, mode: 'insensitive' as const } }, { brief: { contains: filter.q, mode: 'insensitive' as const } }] } : {},
          after ? { OR: [{ createdAt: { lt: after.createdAt } }, { createdAt: after.createdAt, id: { lt: after.id } }] } : {},
        ],
      },
      select: CONTENT_FIELDS,
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: page.limit + 1,
    });
  }

  find(organizationId: string, id: string): Promise<ContentRecord | null> {
    return this.tx.content.findFirst({ where: { id, organizationId, deletedAt: null }, select: CONTENT_FIELDS });
  }

  /** Oldest first: the draft, its revisions, then people's edits. */
  async versions(organizationId: string, contentId: string): Promise<ContentVersionRecord[]> {
    const rows = await this.tx.contentVersion.findMany({ where: { contentId, organizationId }, select: VERSION_FIELDS, orderBy: { version: 'asc' } });
    return rows.map((row) => ({ ...row, passages: row.passages as unknown as CitedPassage[] }));
  }

  async version(organizationId: string, contentId: string, version: number): Promise<ContentVersionRecord | null> {
    const row = await this.tx.contentVersion.findFirst({ where: { contentId, organizationId, version }, select: VERSION_FIELDS });
    return row ? { ...row, passages: row.passages as unknown as CitedPassage[] } : null;
  }

  /**
   * Inside a transaction: the content's status, its row locked until the transaction ends, so two
   * edits or transitions of one content queue behind each other (each sees the other's result).
   */
  async lock(organizationId: string, id: string): Promise<{ status: ContentStatus } | null> {
    const rows = await this.tx.$queryRaw<Array<{ status: ContentStatus }>>`
      SELECT status::text AS status FROM contents
      WHERE id = ${id}::uuid AND organization_id = ${organizationId}::uuid AND deleted_at IS NULL
      FOR UPDATE`;
    return rows[0] ?? null;
  }

  async lastVersion(contentId: string): Promise<number> {
    const { _max } = await this.tx.contentVersion.aggregate({ where: { contentId }, _max: { version: true } });
    return _max.version ?? 0;
  }

  async addVersion(organizationId: string, contentId: string, version: NewContentVersion): Promise<void> {
    await this.tx.contentVersion.create({
      data: { ...version, organizationId, contentId, passages: version.passages as unknown as Prisma.InputJsonValue },
      select: { id: true },
    });
  }

  /** After `lock`: the row is the organization's and not deleted. */
  update(id: string, change: ContentChange): Promise<ContentRecord> {
    return this.tx.content.update({ where: { id }, data: change, select: CONTENT_FIELDS });
  }

  /** Returns the rows marked: 0 when the content is another organization's or already deleted. */
  async softDelete(organizationId: string, id: string, at: Date): Promise<number> {
    return (await this.tx.content.updateMany({ where: { id, organizationId, deletedAt: null }, data: { deletedAt: at } })).count;
  }
}
