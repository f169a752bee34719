import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterPrisma } from '@nestjs-cls/transactional-adapter-prisma';
import { PrismaService } from '../../../infra/prisma/prisma.service';

export const OWNER_ROLE = 'owner';

/** What an erasure changed in the organization: counts only, never the person's data. */
export interface DetachedReferences {
  runs: number;
  approvals: number;
  contentVersions: number;
  configChanges: number;
  campaigns: number;
  agentConfigs: number;
  exports: number;
  invitationsSent: number;
}

/**
 * Reads the membership tables (member management owns them) and changes one person's rows in one
 * organization. Meant to run inside the erasure's transaction.
 */
@Injectable()
export class ErasureRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterPrisma<PrismaService>>) {}

  private get tx() {
    return this.txHost.tx;
  }

  async membership(organizationId: string, userId: string): Promise<{ id: string; role: string } | null> {
    const row = await this.tx.organizationMembership.findUnique({ where: { organizationId_userId: { organizationId, userId } }, select: { id: true, role: { select: { name: true } } } });
    return row ? { id: row.id, role: row.role.name } : null;
  }

  /**
   * The owners' memberships, locked until the transaction ends: two erasures of the last two
   * owners at once run one after the other, and the second sees one owner left.
   */
  async lockOwners(organizationId: string): Promise<string[]> {
    const rows = await this.tx.$queryRaw<Array<{ user_id: string }>>`
      SELECT m."user_id" FROM "organization_memberships" m JOIN "organization_roles" r ON r."id" = m."role_id"
       WHERE m."organization_id" = ${organizationId}::uuid AND r."name" = ${OWNER_ROLE}
       ORDER BY m."id" FOR UPDATE OF m`;
    return rows.map((row) => row.user_id);
  }

  async deleteApiKeys(organizationId: string, userId: string): Promise<number> {
    return (await this.tx.apiKey.deleteMany({ where: { organizationId, userId } })).count;
  }

  /** Who did the work becomes unknown (null); the work itself (runs, decisions, versions) is the organization's and stays. */
  async detach(organizationId: string, userId: string): Promise<DetachedReferences> {
    const tx = this.tx;
    const [runs, approvals, contentVersions, configChanges, campaigns, agentConfigs, exports, invitationsSent] = [
      await tx.agentRun.updateMany({ where: { organizationId, userId }, data: { userId: null } }),
      await tx.runApproval.updateMany({ where: { organizationId, reviewerId: userId }, data: { reviewerId: null } }),
      await tx.contentVersion.updateMany({ where: { organizationId, userId }, data: { userId: null } }),
      await tx.agentConfigChange.updateMany({ where: { organizationId, userId }, data: { userId: null } }),
      await tx.campaign.updateMany({ where: { organizationId, createdById: userId }, data: { createdById: null } }),
      await tx.agentConfig.updateMany({ where: { organizationId, updatedById: userId }, data: { updatedById: null } }),
      await tx.dataExport.updateMany({ where: { organizationId, requestedById: userId }, data: { requestedById: null } }),
      await tx.memberInvitation.updateMany({ where: { organizationId, invitedByUserId: userId }, data: { invitedByUserId: null } }),
    ];
    return {
      runs: runs.count,
      approvals: approvals.count,
      contentVersions: contentVersions.count,
      configChanges: configChanges.count,
      campaigns: campaigns.count,
      agentConfigs: agentConfigs.count,
      exports: exports.count,
      invitationsSent: invitationsSent.count,
    };
  }

  /** The invitations addressed to the person here (accepted by them, or to their address): their email is the whole row. */
  async deleteInvitationsTo(organizationId: string, userId: string): Promise<number> {
    const user = await this.tx.user.findUnique({ where: { id: userId }, select: { email: true } });
    const { count } = await this.tx.memberInvitation.deleteMany({ where: { organizationId, OR: [{ acceptedUserId: userId }, ...(user ? [{ email: user.email }] : [])] } });
    return count;
  }

  /** A schedule must run as someone (schedules.user_id is required): the member who asked for the erasure takes it over. */
  async reassignSchedules(organizationId: string, fromUserId: string, toUserId: string): Promise<number> {
    return (await this.tx.schedule.updateMany({ where: { organizationId, userId: fromUserId }, data: { userId: toUserId } })).count;
  }

  async deleteMembership(id: string): Promise<void> {
    await this.tx.organizationMembership.delete({ where: { id }, select: { id: true } });
  }

  async otherMemberships(userId: string): Promise<number> {
    return this.tx.organizationMembership.count({ where: { userId } });
  }

  /**
   * The users row stays (audit entries and anything else pointing at it keep a valid key) but
   * says nothing about the person: the address becomes a unique one under .invalid, a name
   * reserved never to route (RFC 2606), so it can neither reach anyone nor collide.
   */
  async anonymise(userId: string): Promise<void> {
    await this.tx.user.update({ where: { id: userId }, data: { email: `erased-${userId}@erased.invalid`, name: 'Erased user' }, select: { id: true } });
  }
}
