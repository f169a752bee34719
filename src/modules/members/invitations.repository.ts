import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterPrisma } from '@nestjs-cls/transactional-adapter-prisma';
import { PrismaService } from '../../infra/prisma/prisma.service';
import type { RunCursor } from '../../common/validation/page-cursor';

export interface InvitationRecord {
  id: string;
  organizationId: string;
  email: string;
  role: string;
  deliveredVia: string;
  expiresAt: Date;
  acceptedAt: Date | null;
  revokedAt: Date | null;
  createdAt: Date;
}

const FIELDS = { id: true, organizationId: true, email: true, role: true, deliveredVia: true, expiresAt: true, acceptedAt: true, revokedAt: true, createdAt: true } as const;

@Injectable()
export class InvitationsRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterPrisma<PrismaService>>) {}

  private get tx() {
    return this.txHost.tx;
  }

  create(data: { id: string; organizationId: string; email: string; role: string; tokenHash: string; invitedByUserId: string; deliveredVia: string; expiresAt: Date }): Promise<InvitationRecord> {
    return this.tx.memberInvitation.create({ data, select: FIELDS });
  }

  /** An address has one open invitation at a time: a new one retires the earlier ones. */
  async revokeOpenFor(organizationId: string, email: string, at: Date): Promise<number> {
    const { count } = await this.tx.memberInvitation.updateMany({ where: { organizationId, email, acceptedAt: null, revokedAt: null }, data: { revokedAt: at } });
    return count;
  }

  list(organizationId: string, page: { limit: number; after?: RunCursor }): Promise<InvitationRecord[]> {
    return this.tx.memberInvitation.findMany({
      where: {
        organizationId,
        ...(page.after ? { OR: [{ createdAt: { lt: page.after.createdAt } }, { createdAt: page.after.createdAt, id: { lt: page.after.id } }] } : {}),
      },
      select: FIELDS,
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: page.limit + 1,
    });
  }

  find(organizationId: string, id: string): Promise<InvitationRecord | null> {
    return this.tx.memberInvitation.findFirst({ where: { id, organizationId }, select: FIELDS });
  }

  async revoke(organizationId: string, id: string, at: Date): Promise<number> {
    const { count } = await this.tx.memberInvitation.updateMany({ where: { id, organizationId, acceptedAt: null, revokedAt: null }, data: { revokedAt: at } });
    return count;
  }

  /**
   * Claims an open, unexpired invitation by its token's hash: one statement, so two accepts of
   * the same token cannot both succeed.
   */
  async claim(tokenHash: string, userId: string, at: Date): Promise<boolean> {
    const { count } = await this.tx.memberInvitation.updateMany({
      where: { tokenHash, acceptedAt: null, revokedAt: null, expiresAt: { gt: at } },
      data: { acceptedAt: at, acceptedUserId: userId },
    });
    return count === 1;
  }

  findOpenByTokenHash(tokenHash: string, at: Date): Promise<InvitationRecord | null> {
    return this.tx.memberInvitation.findFirst({ where: { tokenHash, acceptedAt: null, revokedAt: null, expiresAt: { gt: at } }, select: FIELDS });
  }
}
