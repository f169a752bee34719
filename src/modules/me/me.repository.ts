import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterPrisma } from '@nestjs-cls/transactional-adapter-prisma';
import { PrismaService } from '../../infra/prisma/prisma.service';

@Injectable()
export class MeRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterPrisma<PrismaService>>) {}

  findMembership(organizationId: string, userId: string) {
    return this.txHost.tx.organizationMembership.findUnique({
      where: { organizationId_userId: { organizationId, userId } },
      select: {
        user: { select: { id: true, email: true, name: true } },
        organization: { select: { id: true, slug: true, name: true } },
        role: { select: { name: true, permissions: true } },
      },
    });
  }
}
