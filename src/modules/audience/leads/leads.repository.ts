import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterPrisma } from '@nestjs-cls/transactional-adapter-prisma';
import type { Prisma } from '../../../generated/prisma/client';
import type { MarketingLeadStatus } from '../../../generated/prisma/enums';
import { PrismaService } from '../../../infra/prisma/prisma.service';
import type { RunCursor } from '../../../common/validation/page-cursor';
import { DuplicateLeadError } from './lead-errors';

export type LeadAttributes = Record<string, unknown>;

export interface LeadRecord {
  id: string;
  personaId: string | null;
  email: string | null;
  phone: string | null;
  name: string | null;
  timezone: string;
  status: MarketingLeadStatus;
  attributes: LeadAttributes;
  createdAt: Date;
  updatedAt: Date;
}

export interface LeadFields {
  personaId: string | null;
  email: string | null;
  phone: string | null;
  name: string | null;
  timezone: string;
  status: MarketingLeadStatus;
  attributes: LeadAttributes;
}

export interface LeadFilter {
  status?: MarketingLeadStatus;
  personaId?: string;
  email?: string;
}

/** A lead as a text message needs it: where and in which time zone. */
export interface PhoneContact {
  id: string;
  phone: string | null;
  timezone: string;
}

const FIELDS = { id: true, personaId: true, email: true, phone: true, name: true, timezone: true, status: true, attributes: true, createdAt: true, updatedAt: true } as const;
type Row = Prisma.MarketingLeadGetPayload<{ select: typeof FIELDS }>;

/** Every statement is restricted to the caller's organization: another organization's lead is not found. */
@Injectable()
export class LeadsRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterPrisma<PrismaService>>) {}

  private get tx() {
    return this.txHost.tx;
  }

  async create(organizationId: string, fields: LeadFields): Promise<LeadRecord> {
    try {
      return toRecord(await this.tx.marketingLead.create({ data: { organizationId, ...fields, attributes: fields.attributes as Prisma.InputJsonValue }, select: FIELDS }));
    } catch (error) {
      throw duplicateOf(error) ?? error;
    }
  }

  async find(organizationId: string, id: string): Promise<LeadRecord | null> {
    const row = await this.tx.marketingLead.findFirst({ where: { id, organizationId }, select: FIELDS });
    return row ? toRecord(row) : null;
  }

  /** Null when the lead is not the organization's. */
  async update(organizationId: string, id: string, fields: Partial<LeadFields>): Promise<LeadRecord | null> {
    const { attributes, ...rest } = fields;
    const data = { ...rest, ...(attributes !== undefined ? { attributes: attributes as Prisma.InputJsonValue } : {}) };
    try {
      return toRecord(await this.tx.marketingLead.update({ where: { id, organizationId }, data, select: FIELDS }));
    } catch (error) {
      if (codeOf(error) === 'P2025') return null;
      throw duplicateOf(error) ?? error;
    }
  }

  /** Newest first; (createdAt, id) is the keyset. Fetches limit + 1: the extra row says another page exists. */
  async list(organizationId: string, filter: LeadFilter, page: { limit: number; after?: RunCursor }): Promise<LeadRecord[]> {
    const after = page.after;
    const rows = await this.tx.marketingLead.findMany({
      where: {
        organizationId,
        ...filter,
        ...(after ? { OR: [{ createdAt: { lt: after.createdAt } }, { createdAt: after.createdAt, id: { lt: after.id } }] } : {}),
      },
      select: FIELDS,
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: page.limit + 1,
    });
    return rows.map(toRecord);
  }

  /** The addresses (`email` or `phone`) of the organization's leads in `status` that have one, oldest lead first, at most `limit`. */
  async addressesByStatus(organizationId: string, field: 'email' | 'phone', status: MarketingLeadStatus, limit: number): Promise<string[]> {
    const rows = await this.tx.marketingLead.findMany({
      where: { organizationId, status, [field]: { not: null } },
      select: { email: true, phone: true },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      take: limit,
    });
    return rows.flatMap((row) => (row[field] ? [row[field]] : []));
  }

  /** The leads among `ids`, and those whose phone is among `phones` (normalized), with what a text to them needs. */
  async phoneContacts(organizationId: string, ids: string[], phones: string[]): Promise<PhoneContact[]> {
    if (ids.length === 0 && phones.length === 0) return [];
    return this.tx.marketingLead.findMany({
      where: { organizationId, OR: [...(ids.length ? [{ id: { in: ids } }] : []), ...(phones.length ? [{ phone: { in: phones } }] : [])] },
      select: { id: true, phone: true, timezone: true },
    });
  }

  async personaExists(organizationId: string, personaId: string): Promise<boolean> {
    return (await this.tx.persona.count({ where: { id: personaId, organizationId } })) > 0;
  }
}

function toRecord(row: Row): LeadRecord {
  return { ...row, attributes: row.attributes as LeadAttributes };
}

function codeOf(error: unknown): unknown {
  return typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
}

/** P2002 names the unique index's fields in meta.target (or, through the driver adapter, in the constraint name). */
function duplicateOf(error: unknown): DuplicateLeadError | undefined {
  if (codeOf(error) !== 'P2002') return undefined;
  return new DuplicateLeadError(JSON.stringify((error as { meta?: unknown }).meta ?? {}).includes('phone') ? 'phone' : 'email');
}
