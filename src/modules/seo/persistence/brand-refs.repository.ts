import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterPrisma } from '@nestjs-cls/transactional-adapter-prisma';
import { PrismaService } from '../../../infra/prisma/prisma.service';

/** Brands that keywords, entries and schedules name: a foreign key alone would accept another organization's. */
@Injectable()
export class BrandRefsRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterPrisma<PrismaService>>) {}

  async isOwn(organizationId: string, brandId: string): Promise<boolean> {
    return (await this.txHost.tx.brand.count({ where: { id: brandId, organizationId } })) > 0;
  }
}
