import { ConflictError, ForbiddenError } from '../../common/errors/domain-errors';
import { assertRoleChangeAllowed, LastOwnerError } from './member-roles';

describe(assertRoleChangeAllowed.name, () => {
  it('should let an admin move a member between admin, member and viewer, and remove them', () => {
    expect(() => assertRoleChangeAllowed({ actorRole: 'admin', currentRole: 'member', nextRole: 'viewer', owners: 1 })).not.toThrow();
    expect(() => assertRoleChangeAllowed({ actorRole: 'admin', currentRole: 'viewer', nextRole: 'admin', owners: 1 })).not.toThrow();
    expect(() => assertRoleChangeAllowed({ actorRole: 'admin', currentRole: 'admin', nextRole: null, owners: 1 })).not.toThrow();
  });

  it.each([
    ['make an owner', { currentRole: 'member', nextRole: 'owner' as const }],
    ['demote an owner', { currentRole: 'owner', nextRole: 'admin' as const }],
    ['remove an owner', { currentRole: 'owner', nextRole: null }],
    ['invite an owner', { currentRole: null, nextRole: 'owner' as const }],
  ])('should refuse an admin who tries to %s, naming the rule', (_, change) => {
    expect(() => assertRoleChangeAllowed({ actorRole: 'admin', owners: 2, ...change })).toThrow(ForbiddenError);
    expect(() => assertRoleChangeAllowed({ actorRole: 'admin', owners: 2, ...change })).toThrow('only an owner may make, change or remove an owner');
  });

  it('should let an owner hand ownership on and step down while another owner remains', () => {
    expect(() => assertRoleChangeAllowed({ actorRole: 'owner', currentRole: 'member', nextRole: 'owner', owners: 1 })).not.toThrow();
    expect(() => assertRoleChangeAllowed({ actorRole: 'owner', currentRole: 'owner', nextRole: 'admin', owners: 2 })).not.toThrow();
  });

  it.each([
    ['demoting', 'admin' as const],
    ['removing', null],
  ])('should refuse %s the last owner with a conflict', (_, nextRole) => {
    expect(() => assertRoleChangeAllowed({ actorRole: 'owner', currentRole: 'owner', nextRole, owners: 1 })).toThrow(LastOwnerError);
    expect(() => assertRoleChangeAllowed({ actorRole: 'owner', currentRole: 'owner', nextRole, owners: 1 })).toThrow(ConflictError);
  });
});
