import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterPrisma } from '@nestjs-cls/transactional-adapter-prisma';
import { PrismaService } from '../../infra/prisma/prisma.service';
import type { RunCursor } from '../../common/validation/page-cursor';

export interface MemberRecord {
  id: string;
  createdAt: Date;
  user: { id: string; email: string; name: string };
  role: { name: string };
}

const MEMBER_FIELDS = { id: true, createdAt: true, user: { select: { id: true, email: true, name: true } }, role: { select: { name: true } } } as const;

/** Memberships and roles of one organization; every query is filtered by it. */
@Injectable()
export class MembersRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterPrisma<PrismaService>>) {}

  private get tx() {
    return this.txHost.tx;
  }

  list(organizationId: string, page: { limit: number; after?: RunCursor }, role?: string): Promise<MemberRecord[]> {
    return this.tx.organizationMembership.findMany({
      where: {
        organizationId,
        ...(role ? { role: { name: role } } : {}),
        ...(page.after ? { OR: [{ createdAt: { lt: page.after.createdAt } }, { createdAt: page.after.createdAt, id: { lt: page.after.id } }] } : {}),
      },
      select: MEMBER_FIELDS,
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: page.limit + 1,
    });
  }

  find(organizationId: string, id: string): Promise<MemberRecord | null> {
    return this.tx.organizationMembership.findFirst({ where: { id, organizationId }, select: MEMBER_FIELDS });
  }

  /**
   * Counts the owners with their rows locked until the transaction ends, so two concurrent
   * demotions of the last two owners cannot both see two owners.
   */
  async lockOwners(organizationId: string): Promise<number> {
    const rows = await this.tx.$queryRaw<{ id: string }[]>`
      SELECT m."id" FROM "organization_memberships" m JOIN "organization_roles" r ON r."id" = m."role_id"
      WHERE m."organization_id" = ${organizationId}::uuid AND r."name" = 'owner' FOR UPDATE OF m`;
    return rows.length;
  }

  roleOf(organizationId: string, userId: string): Promise<string | null> {
    return this.tx.organizationMembership
      .findUnique({ where: { organizationId_userId: { organizationId, userId } }, select: { role: { select: { name: true } } } })
      .then((m) => m?.role.name ?? null);
  }

  findByEmail(organizationId: string, email: string): Promise<{ id: string } | null> {
    return this.tx.organizationMembership.findFirst({ where: { organizationId, user: { email } }, select: { id: true } });
  }

  /** The organization's row for a built-in role, created the first time it is used. */
  async ensureRole(organizationId: string, name: string): Promise<string> {
    const role = await this.tx.organizationRole.upsert({
      where: { organizationId_name: { organizationId, name } },
      create: { organizationId, name },
      update: {},
      select: { id: true },
    });
    return role.id;
  }

  async setRole(organizationId: string, id: string, roleId: string): Promise<MemberRecord> {
    return this.tx.organizationMembership.update({ where: { id, organizationId }, data: { roleId }, select: MEMBER_FIELDS });
  }

  async remove(organizationId: string, id: string): Promise<void> {
    await this.tx.organizationMembership.delete({ where: { id, organizationId } });
  }

  /** The user with this address, created when there is none (an invitation accepted by someone new). */
  async ensureUser(email: string, name: string): Promise<{ id: string }> {
    return this.tx.user.upsert({ where: { email }, create: { email, name }, update: {}, select: { id: true } });
  }

  /** The names an invitation letter shows: the organization's and the inviter's. */
  async inviterOf(organizationId: string, userId: string): Promise<{ organizationName: string; inviterName: string }> {
    const membership = await this.tx.organizationMembership.findUniqueOrThrow({
      where: { organizationId_userId: { organizationId, userId } },
      select: { organization: { select: { name: true } }, user: { select: { name: true } } },
    });
    return { organizationName: membership.organization.name, inviterName: membership.user.name };
  }

  add(organizationId: string, userId: string, roleId: string): Promise<MemberRecord> {
    return this.tx.organizationMembership.create({ data: { organizationId, userId, roleId }, select: MEMBER_FIELDS });
  }
}
