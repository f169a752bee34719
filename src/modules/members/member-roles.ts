import { ConflictError } from '../../common/errors/domain-errors';
import { MissingPermissionError } from '../auth/permissions/missing-permission.error';
import type { BuiltInRole } from '../auth/permissions/permissions';

/**
 * What only an owner may do is a rule here, not a permission: an admin holds `workspace:manage`
 * and manages admins, members and viewers, but making, changing or removing an owner takes an
 * owner, and an organization never loses its last owner.
 */
export class LastOwnerError extends ConflictError {
  constructor() {
    super('the organization would be left without an owner; make another member owner first');
  }
}

export interface RoleChange {
  actorRole: string;
  /** The member's role now; null for an invitation (nobody holds it yet). */
  currentRole: string | null;
  /** The role asked for; null when the member is being removed. */
  nextRole: BuiltInRole | null;
  /** Owners the organization has now. */
  owners: number;
}

export function assertRoleChangeAllowed(change: RoleChange): void {
  const touchesOwner = change.currentRole === 'owner' || change.nextRole === 'owner';
  if (touchesOwner && change.actorRole !== 'owner') {
    throw new MissingPermissionError('workspace:manage', 'only an owner may make, change or remove an owner');
  }
  const losesOwner = change.currentRole === 'owner' && change.nextRole !== 'owner';
  if (losesOwner && change.owners <= 1) throw new LastOwnerError();
}
