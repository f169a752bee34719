import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterPrisma } from '@nestjs-cls/transactional-adapter-prisma';
import type { SuppressionReason } from '../../../generated/prisma/enums';
import { PrismaService } from '../../../infra/prisma/prisma.service';
import type { RunCursor } from '../../../common/validation/page-cursor';
import type { AudienceChannel } from '../channel-address';

export interface SuppressionRecord {
  id: string;
  channel: AudienceChannel;
  address: string;
  reason: SuppressionReason;
  source: string | null;
  createdAt: Date;
}

export interface SuppressionFields {
  channel: AudienceChannel;
  /** Normalized (normalizeAddress). */
  address: string;
  reason: SuppressionReason;
  source: string | null;
}

export interface SuppressionFilter {
  channel?: AudienceChannel;
  reason?: SuppressionReason;
  address?: string;
}

const FIELDS = { id: true, channel: true, address: true, reason: true, source: true, createdAt: true } as const;

interface InsertedRow {
  id: string;
  channel: AudienceChannel;
  address: string;
  reason: SuppressionReason;
  source: string | null;
  created_at: Date;
}

/** Every statement is restricted to the caller's organization: another organization's suppression is not found. */
@Injectable()
export class SuppressionsRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterPrisma<PrismaService>>) {}

  private get tx() {
    return this.txHost.tx;
  }

  /**
   * Inserts unless the address is already suppressed on the channel (the first reason stays):
   * ON CONFLICT rather than catching the unique violation, because a failed statement would abort
   * the run's commit transaction this is also called from. Null when the row already existed.
   */
  async insertIfAbsent(organizationId: string, fields: SuppressionFields): Promise<SuppressionRecord | null> {
    const rows = await this.tx.$queryRaw<InsertedRow[]>`
      INSERT INTO suppressions (organization_id, channel, address, reason, source)
      VALUES (${organizationId}::uuid, ${fields.channel}::"MessageChannel", ${fields.address}::citext, ${fields.reason}::"SuppressionReason", ${fields.source})
      ON CONFLICT (organization_id, channel, address) DO NOTHING
      RETURNING id, channel::text AS channel, address::text AS address, reason::text AS reason, source, created_at`;
    const [row] = rows;
    return row ? { id: row.id, channel: row.channel, address: row.address, reason: row.reason, source: row.source, createdAt: row.created_at } : null;
  }

  findByAddress(organizationId: string, channel: AudienceChannel, address: string): Promise<SuppressionRecord | null> {
    return this.tx.suppression.findFirst({ where: { organizationId, channel, address }, select: FIELDS }) as Promise<SuppressionRecord | null>;
  }

  find(organizationId: string, id: string): Promise<SuppressionRecord | null> {
    return this.tx.suppression.findFirst({ where: { id, organizationId }, select: FIELDS }) as Promise<SuppressionRecord | null>;
  }

  /** Newest first; (createdAt, id) is the keyset. Fetches limit + 1: the extra row says another page exists. */
  async list(organizationId: string, filter: SuppressionFilter, page: { limit: number; after?: RunCursor }): Promise<SuppressionRecord[]> {
    const after = page.after;
    return (await this.tx.suppression.findMany({
      where: {
        organizationId,
        ...filter,
        ...(after ? { OR: [{ createdAt: { lt: after.createdAt } }, { createdAt: after.createdAt, id: { lt: after.id } }] } : {}),
      },
      select: FIELDS,
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: page.limit + 1,
    })) as SuppressionRecord[];
  }

  /** Returns the rows deleted: 0 or 1. */
  async delete(organizationId: string, id: string): Promise<number> {
    return (await this.tx.suppression.deleteMany({ where: { id, organizationId } })).count;
  }

  /** Deletes the address's suppression on the channel when its reason is one of `reasons`; returns the rows deleted (0 or 1). */
  async deleteByAddress(organizationId: string, channel: AudienceChannel, address: string, reasons: SuppressionReason[]): Promise<number> {
    return (await this.tx.suppression.deleteMany({ where: { organizationId, channel, address, reason: { in: reasons } } })).count;
  }

  /** The given addresses that are suppressed on the channel, as stored; one statement for a whole recipient list. */
  async suppressedAmong(organizationId: string, channel: AudienceChannel, addresses: string[]): Promise<string[]> {
    if (addresses.length === 0) return [];
    // citext[] so the comparison is the column's (case-insensitive), not text's.
    const rows = await this.tx.$queryRaw<Array<{ address: string }>>`
      SELECT address::text AS address FROM suppressions
      WHERE organization_id = ${organizationId}::uuid AND channel = ${channel}::"MessageChannel" AND address = ANY(${addresses}::citext[])`;
    return rows.map((row) => row.address);
  }
}
