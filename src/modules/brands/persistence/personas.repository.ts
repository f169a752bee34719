import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterPrisma } from '@nestjs-cls/transactional-adapter-prisma';
import type { Prisma } from '../../../generated/prisma/client';
import { PrismaService } from '../../../infra/prisma/prisma.service';
import { DuplicateNameError } from '../brand-errors';
import { pageOf, type Page, type PageRequest } from './name-page';
import { isRecordNotFound, isUniqueViolation } from './prisma-codes';

export interface PersonaFields {
  name: string;
  description: string | null;
  goals: string[];
  painPoints: string[];
  channels: string[];
  attributes: Record<string, unknown>;
}

export interface PersonaRecord extends PersonaFields {
  id: string;
  brandId: string;
  createdAt: Date;
  updatedAt: Date;
}

const PERSONA_FIELDS = {
  id: true,
  brandId: true,
  name: true,
  description: true,
  goals: true,
  painPoints: true,
  channels: true,
  attributes: true,
  createdAt: true,
  updatedAt: true,
} as const;

type PersonaRow = Omit<PersonaRecord, 'attributes'> & { attributes: Prisma.JsonValue };

/** Personas of a brand, always restricted to the caller's organization. */
@Injectable()
export class PersonasRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterPrisma<PrismaService>>) {}

  private get tx() {
    return this.txHost.tx;
  }

  /** The brand must be the organization's: the service checks that first, in the same transaction. */
  async create(organizationId: string, brandId: string, fields: PersonaFields): Promise<PersonaRecord> {
    try {
      return toRecord(await this.tx.persona.create({ data: { organizationId, brandId, ...fields, attributes: fields.attributes as Prisma.InputJsonObject }, select: PERSONA_FIELDS }));
    } catch (error) {
      throw isUniqueViolation(error) ? new DuplicateNameError('persona', fields.name) : error;
    }
  }

  async find(organizationId: string, brandId: string, id: string): Promise<PersonaRecord | null> {
    const row = await this.tx.persona.findFirst({ where: { id, brandId, organizationId }, select: PERSONA_FIELDS });
    return row && toRecord(row);
  }

  async list(organizationId: string, brandId: string, page: PageRequest): Promise<Page<PersonaRecord>> {
    const rows = await this.tx.persona.findMany({
      where: { brandId, organizationId, ...(page.after !== undefined ? { name: { gt: page.after } } : {}) },
      select: PERSONA_FIELDS,
      orderBy: { name: 'asc' },
      take: page.limit + 1,
    });
    return pageOf(rows.map(toRecord), page.limit);
  }

  /** Null when the persona is not this brand's (of this organization). */
  async update(organizationId: string, brandId: string, id: string, fields: Partial<PersonaFields>): Promise<PersonaRecord | null> {
    const { attributes, ...rest } = fields;
    try {
      const row = await this.tx.persona.update({
        where: { id, brandId, organizationId },
        data: { ...rest, ...(attributes !== undefined ? { attributes: attributes as Prisma.InputJsonObject } : {}) },
        select: PERSONA_FIELDS,
      });
      return toRecord(row);
    } catch (error) {
      if (isRecordNotFound(error)) return null;
      throw isUniqueViolation(error) && fields.name !== undefined ? new DuplicateNameError('persona', fields.name) : error;
    }
  }

  /** Returns the rows deleted: 0 or 1. */
  async delete(organizationId: string, brandId: string, id: string): Promise<number> {
    return (await this.tx.persona.deleteMany({ where: { id, brandId, organizationId } })).count;
  }
}

/** The column defaults to `{}` and the API only ever writes objects. */
function toRecord(row: PersonaRow): PersonaRecord {
  const attributes = row.attributes !== null && typeof row.attributes === 'object' && !Array.isArray(row.attributes) ? (row.attributes as Record<string, unknown>) : {};
  return { ...row, attributes };
}
