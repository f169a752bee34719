import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterPrisma } from '@nestjs-cls/transactional-adapter-prisma';
import type { Prisma } from '../../../generated/prisma/client';
import type { EditorialStatus } from '../../../generated/prisma/enums';
import { isStorableTimestamp } from '../../../common/validation/storable-timestamp';
import { PrismaService } from '../../../infra/prisma/prisma.service';
import { decodeKeyset, invalidCursor, type Page, pageOf } from './keyset';

export interface EditorialEntryRecord {
  id: string;
  brandId: string | null;
  keywordId: string | null;
  campaignId: string | null;
  runId: string | null;
  title: string;
  brief: string | null;
  format: string;
  channel: string | null;
  /** A calendar day: midnight UTC. */
  plannedFor: Date;
  status: EditorialStatus;
  createdAt: Date;
  updatedAt: Date;
}

export interface EditorialEntryFields {
  title: string;
  brief: string | null;
  format: string;
  channel: string | null;
  plannedFor: Date;
  status: EditorialStatus;
  keywordId: string | null;
  brandId: string | null;
}

/** An entry a run proposes, with the id the run's output already names. */
export interface ProposedEntry extends Omit<EditorialEntryFields, 'status'> {
  id: string;
}

export interface EditorialFilters {
  status?: EditorialStatus;
  from?: Date;
  to?: Date;
  keywordId?: string;
}

const FIELDS = {
  id: true,
  brandId: true,
  keywordId: true,
  campaignId: true,
  runId: true,
  title: true,
  brief: true,
  format: true,
  channel: true,
  plannedFor: true,
  status: true,
  createdAt: true,
  updatedAt: true,
} as const;

/** The editorial calendar by organization: another organization's entry is not found. */
@Injectable()
export class EditorialEntriesRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterPrisma<PrismaService>>) {}

  private get tx() {
    return this.txHost.tx;
  }

  /**
   * A run's proposals replace the earlier runs' proposals for the same keywords that nobody has
   * acted on (still PROPOSED): a weekly run refreshes its suggestions instead of piling them up.
   * Entries a person wrote (no run) or moved on are kept.
   */
  async replaceProposals(organizationId: string, runId: string, entries: readonly ProposedEntry[]): Promise<void> {
    const keywordIds = entries.map((e) => e.keywordId).filter((id): id is string => id !== null);
    if (keywordIds.length > 0) {
      await this.tx.editorialEntry.deleteMany({ where: { organizationId, status: 'PROPOSED', runId: { not: null }, keywordId: { in: keywordIds } } });
    }
    if (entries.length > 0) {
      await this.tx.editorialEntry.createMany({ data: entries.map((e) => ({ ...e, organizationId, runId, status: 'PROPOSED' as const })) });
    }
  }

  create(organizationId: string, fields: EditorialEntryFields): Promise<EditorialEntryRecord> {
    return this.tx.editorialEntry.create({ data: { organizationId, ...fields }, select: FIELDS });
  }

  find(organizationId: string, id: string): Promise<EditorialEntryRecord | null> {
    return this.tx.editorialEntry.findFirst({ where: { id, organizationId }, select: FIELDS });
  }

  /** By planned day, then id: the calendar's order, and (plannedFor, id) the keyset. */
  async list(organizationId: string, filters: EditorialFilters, page: { limit: number; cursor?: string }): Promise<Page<EditorialEntryRecord>> {
    const after = page.cursor ? dayCursor(page.cursor) : undefined;
    const where: Prisma.EditorialEntryWhereInput = {
      organizationId,
      ...(filters.status ? { status: filters.status } : {}),
      ...(filters.keywordId ? { keywordId: filters.keywordId } : {}),
      ...(filters.from || filters.to ? { plannedFor: { ...(filters.from ? { gte: filters.from } : {}), ...(filters.to ? { lte: filters.to } : {}) } } : {}),
      ...(after ? { OR: [{ plannedFor: { gt: after.day } }, { plannedFor: after.day, id: { gt: after.id } }] } : {}),
    };
    const rows = await this.tx.editorialEntry.findMany({ where, select: FIELDS, orderBy: [{ plannedFor: 'asc' }, { id: 'asc' }], take: page.limit + 1 });
    return pageOf(rows, page.limit, (r) => [r.plannedFor.toISOString().slice(0, 10), r.id]);
  }

  /**
   * With `expected`, changes the entry only while it still has that status: a concurrent move
   * between the caller's read and this write makes it answer null, as a missing entry does (the
   * caller tells the two apart).
   */
  async update(organizationId: string, id: string, expected: EditorialStatus | undefined, fields: Partial<EditorialEntryFields>): Promise<EditorialEntryRecord | null> {
    try {
      return await this.tx.editorialEntry.update({ where: { id, organizationId, ...(expected ? { status: expected } : {}) }, data: fields, select: FIELDS });
    } catch (error) {
      if ((error as { code?: unknown }).code === 'P2025') return null;
      throw error;
    }
  }
}

function dayCursor(raw: string): { day: Date; id: string } {
  const [day, id] = decodeKeyset(raw, 2);
  const date = new Date(`${day}T00:00:00.000Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(date.getTime()) || !isStorableTimestamp(date)) throw invalidCursor();
  return { day: date, id };
}
