import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterPrisma } from '@nestjs-cls/transactional-adapter-prisma';
import { PrismaService } from '../../infra/prisma/prisma.service';
import { DatasetNameTakenError } from './knowledge-errors';

export interface DatasetRecord {
  id: string;
  name: string;
  description: string | null;
  brandId: string | null;
  documentCount: number;
  createdAt: Date;
  updatedAt: Date;
}

const FIELDS = { id: true, name: true, description: true, brandId: true, createdAt: true, updatedAt: true, _count: { select: { documents: true } } } as const;

type Row = Omit<DatasetRecord, 'documentCount'> & { _count: { documents: number } };

function toRecord({ _count, ...dataset }: Row): DatasetRecord {
  return { ...dataset, documentCount: _count.documents };
}

/** Datasets, always within one organization: another organization's dataset does not exist here. */
@Injectable()
export class DatasetsRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterPrisma<PrismaService>>) {}

  private get tx() {
    return this.txHost.tx;
  }

  async create(data: { organizationId: string; name: string; description?: string; brandId?: string }): Promise<DatasetRecord> {
    try {
      return toRecord(await this.tx.dataset.create({ data, select: FIELDS }));
    } catch (error) {
      if ((error as { code?: unknown }).code === 'P2002') throw new DatasetNameTakenError(data.name);
      throw error;
    }
  }

  async list(organizationId: string): Promise<DatasetRecord[]> {
    const rows = await this.tx.dataset.findMany({ where: { organizationId }, select: FIELDS, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] });
    return rows.map(toRecord);
  }

  async find(organizationId: string, id: string): Promise<DatasetRecord | null> {
    const row = await this.tx.dataset.findFirst({ where: { id, organizationId }, select: FIELDS });
    return row && toRecord(row);
  }

  async exists(organizationId: string, id: string): Promise<boolean> {
    return (await this.tx.dataset.count({ where: { id, organizationId } })) > 0;
  }

  /** Its documents and chunks go with it (ON DELETE CASCADE). Answers whether it existed. */
  async delete(organizationId: string, id: string): Promise<boolean> {
    return (await this.tx.dataset.deleteMany({ where: { id, organizationId } })).count > 0;
  }

  async brandExists(organizationId: string, brandId: string): Promise<boolean> {
    return (await this.tx.brand.count({ where: { id: brandId, organizationId } })) > 0;
  }
}
