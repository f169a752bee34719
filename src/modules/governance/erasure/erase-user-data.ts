import { Injectable } from '@nestjs/common';
import { Transactional } from '@nestjs-cls/transactional';
import { NotFoundError } from '../../../common/errors/domain-errors';
import type { Principal } from '../../api-keys/api-keys.service';
import { AuditService } from '../../audit/audit.service';
import { LastOwnerError, SelfErasureError } from '../governance-errors';
import { type DetachedReferences, ErasureRepository, OWNER_ROLE } from './erasure.repository';

export interface ErasureSummary {
  userId: string;
  role: string;
  membershipRemoved: true;
  apiKeysDeleted: number;
  invitationsDeleted: number;
  schedulesReassigned: number;
  detached: DetachedReferences;
  /** True when the person belonged to no other organization: their users row now holds no personal data. */
  userAnonymised: boolean;
}

/**
 * Erases what the caller's organization holds about one of its members, in one transaction with
 * its audit entry (the erasure and its record stand or fall together):
 * - the membership, the member's API keys and the invitations addressed to them in this
 *   organization are deleted;
 * - the organization's records keep their content but lose the person: runs, approval decisions,
 *   content versions, configuration changes, campaigns, exports and invitations they sent get a
 *   null actor;
 * - schedules (which must run as someone) pass to the member who asked for the erasure;
 * - audit entries keep the actor's id: the trail must still prove who did what, and the id is an
 *   opaque key; once the person belongs to no organization the row it points to is anonymised;
 * - the users row itself is anonymised only when no other organization has the person as a
 *   member: another organization's relationship with them is not this one's to erase.
 * Free text an organization wrote about the person (a run's input, a note) is not searched for.
 */
@Injectable()
export class EraseUserData {
  constructor(private readonly erasure: ErasureRepository, private readonly audit: AuditService) {}

  @Transactional()
  async erase(caller: Principal, userId: string): Promise<ErasureSummary> {
    const { organizationId } = caller;
    const membership = await this.erasure.membership(organizationId, userId);
    if (!membership) throw new NotFoundError('user', userId);
    // The caller's schedules would pass to themselves, and their key would vanish mid-request.
    if (userId === caller.userId) throw new SelfErasureError();
    if (membership.role === OWNER_ROLE) {
      const owners = await this.erasure.lockOwners(organizationId);
      if (owners.filter((id) => id !== userId).length === 0) throw new LastOwnerError(userId);
    }
    const apiKeysDeleted = await this.erasure.deleteApiKeys(organizationId, userId);
    const invitationsDeleted = await this.erasure.deleteInvitationsTo(organizationId, userId);
    const detached = await this.erasure.detach(organizationId, userId);
    const schedulesReassigned = await this.erasure.reassignSchedules(organizationId, userId, caller.userId);
    await this.erasure.deleteMembership(membership.id);
    const userAnonymised = (await this.erasure.otherMemberships(userId)) === 0;
    if (userAnonymised) await this.erasure.anonymise(userId);
    const summary: ErasureSummary = { userId, role: membership.role, membershipRemoved: true, apiKeysDeleted, invitationsDeleted, schedulesReassigned, detached, userAnonymised };
    // Counts and the opaque id only: the entry must not itself keep what was erased.
    await this.audit.record({ organizationId, action: 'user.data_erased', targetType: 'user', targetId: userId, metadata: { ...summary, detached: { ...detached } } });
    return summary;
  }
}
