import { effectivePermissions, PERMISSIONS, permissionsOfRole, ROLE_PERMISSIONS } from './permissions';

describe('the role table', () => {
  it('should give owner and admin every permission', () => {
    expect(ROLE_PERMISSIONS.owner).toEqual(PERMISSIONS);
    expect(ROLE_PERMISSIONS.admin).toEqual(PERMISSIONS);
  });

  it('should keep a viewer to reading (and their own keys)', () => {
    expect(ROLE_PERMISSIONS.viewer.filter((p) => !p.endsWith(':read'))).toEqual(['api-keys:manage']);
    expect(ROLE_PERMISSIONS.viewer).not.toContain('audit:read');
  });

  it('should keep the sensitive permissions from a member', () => {
    for (const sensitive of ['workspace:manage', 'credentials:manage', 'approvals:decide', 'campaigns:publish', 'data:export', 'data:erase', 'audit:read', 'connectors:invoke'] as const) {
      expect(ROLE_PERMISSIONS.member).not.toContain(sensitive);
    }
    expect(ROLE_PERMISSIONS.member).toContain('agents:execute');
  });

  it('should name only catalogued permissions, each once', () => {
    for (const list of Object.values(ROLE_PERMISSIONS)) {
      expect(list.every((p) => PERMISSIONS.includes(p))).toBe(true);
      expect(new Set(list).size).toBe(list.length);
    }
  });
});

describe(effectivePermissions.name, () => {
  it("should cut a key's list down to its owner's role, and give an unnarrowed key the whole role", () => {
    expect(effectivePermissions(permissionsOfRole('viewer', []), ['runs:read', 'agents:execute'])).toEqual(['runs:read']);
    expect(effectivePermissions(permissionsOfRole('member', []), null)).toEqual([...ROLE_PERMISSIONS.member]);
  });
});
