import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterPrisma } from '@nestjs-cls/transactional-adapter-prisma';
import { PrismaService } from '../../../infra/prisma/prisma.service';
import { DuplicateNameError } from '../brand-errors';
import { pageOf, type Page, type PageRequest } from './name-page';
import { isRecordNotFound, isUniqueViolation } from './prisma-codes';

export interface BrandRecord {
  id: string;
  name: string;
  description: string | null;
  website: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface BrandFields {
  name: string;
  description?: string | null;
  website?: string | null;
}

const BRAND_FIELDS = { id: true, name: true, description: true, website: true, createdAt: true, updatedAt: true } as const;

/** Every statement is restricted to the caller's organization: another organization's brand is not found. */
@Injectable()
export class BrandsRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterPrisma<PrismaService>>) {}

  private get tx() {
    return this.txHost.tx;
  }

  async create(organizationId: string, fields: BrandFields): Promise<BrandRecord> {
    try {
      return await this.tx.brand.create({ data: { organizationId, ...fields }, select: BRAND_FIELDS });
    } catch (error) {
      throw isUniqueViolation(error) ? new DuplicateNameError('brand', fields.name) : error;
    }
  }

  find(organizationId: string, id: string): Promise<BrandRecord | null> {
    return this.tx.brand.findFirst({ where: { id, organizationId }, select: BRAND_FIELDS });
  }

  /**
   * Inside a transaction: checks the brand is the organization's and locks its row until the
   * transaction ends, so writes of one brand's voices and personas queue behind each other (two
   * "make me the default" requests cannot both win) and the brand cannot vanish under them.
   */
  async lock(organizationId: string, id: string): Promise<boolean> {
    const rows = await this.tx.$queryRaw<Array<{ id: string }>>`
      SELECT id FROM brands WHERE id = ${id}::uuid AND organization_id = ${organizationId}::uuid FOR UPDATE`;
    return rows.length > 0;
  }

  async exists(organizationId: string, id: string): Promise<boolean> {
    return (await this.tx.brand.count({ where: { id, organizationId } })) > 0;
  }

  async list(organizationId: string, page: PageRequest): Promise<Page<BrandRecord>> {
    const rows = await this.tx.brand.findMany({
      where: { organizationId, ...(page.after !== undefined ? { name: { gt: page.after } } : {}) },
      select: BRAND_FIELDS,
      orderBy: { name: 'asc' },
      take: page.limit + 1,
    });
    return pageOf(rows, page.limit);
  }

  /** Null when the brand is not the organization's. */
  async update(organizationId: string, id: string, fields: Partial<BrandFields>): Promise<BrandRecord | null> {
    try {
      return await this.tx.brand.update({ where: { id, organizationId }, data: fields, select: BRAND_FIELDS });
    } catch (error) {
      if (isRecordNotFound(error)) return null;
      throw isUniqueViolation(error) && fields.name !== undefined ? new DuplicateNameError('brand', fields.name) : error;
    }
  }

  /** Its voices and personas go with it (ON DELETE CASCADE). Returns the rows deleted: 0 or 1. */
  async delete(organizationId: string, id: string): Promise<number> {
    return (await this.tx.brand.deleteMany({ where: { id, organizationId } })).count;
  }
}
