/**
 * The permission catalogue and the four built-in roles.
 *
 * A plain table rather than CASL: every check here is "does the caller hold this action", decided
 * before the handler runs; which rows a caller may see is already decided by the organization
 * filter every repository applies. CASL earns its weight with conditions on a record's fields,
 * which we do not have, and a table is one file a reviewer (or an auditor) reads top to bottom.
 */
export const PERMISSIONS = [
  // The organization itself: members, their roles, invitations.
  'workspace:manage',
  'members:read',
  // Agents: see them, start runs, change their per-organization configuration.
  'agents:read',
  'agents:execute',
  'agents:configure',
  'runs:read',
  'approvals:read',
  'approvals:decide',
  'campaigns:read',
  'campaigns:write',
  'campaigns:publish',
  'content:read',
  'content:write',
  'brands:read',
  'brands:write',
  'knowledge:read',
  'knowledge:write',
  'audience:read',
  'audience:write',
  'seo:read',
  'seo:write',
  'support:read',
  'support:write',
  'insights:read',
  'connectors:read',
  // A connector action run directly by a person: it acts on a client's channel with no agent and no approval step.
  'connectors:invoke',
  // Connecting, replacing and removing the clients' channel credentials (OAuth tokens, API keys).
  'credentials:manage',
  'schedules:read',
  'schedules:write',
  'webhooks:read',
  'webhooks:manage',
  'usage:read',
  'audit:read',
  // The caller's own API keys (a key can only ever be narrower than its owner).
  'api-keys:manage',
  'data:export',
  'data:erase',
] as const;

export type Permission = (typeof PERMISSIONS)[number];

export const BUILT_IN_ROLES = ['owner', 'admin', 'member', 'viewer'] as const;
export type BuiltInRole = (typeof BUILT_IN_ROLES)[number];

const READS = PERMISSIONS.filter((p) => p.endsWith(':read'));

/**
 * Owner and admin hold every permission; what only an owner may do (make or remove an owner) is a
 * rule of the members service, not a permission, so an admin key can never be narrowed into it.
 * A member does the day-to-day work but neither publishes, decides approvals, touches credentials
 * nor sees the audit trail; a viewer (a junior, or the client) reads.
 */
export const ROLE_PERMISSIONS: Record<BuiltInRole, readonly Permission[]> = {
  owner: PERMISSIONS,
  admin: PERMISSIONS,
  member: [
    ...READS.filter((p) => p !== 'audit:read'),
    'agents:execute',
    'campaigns:write',
    'content:write',
    'brands:write',
    'knowledge:write',
    'audience:write',
    'seo:write',
    'support:write',
    'schedules:write',
    'api-keys:manage',
  ],
  viewer: [...READS.filter((p) => p !== 'audit:read' && p !== 'members:read' && p !== 'webhooks:read'), 'api-keys:manage'],
};

export function isPermission(value: string): value is Permission {
  return (PERMISSIONS as readonly string[]).includes(value);
}

export function isBuiltInRole(value: string): value is BuiltInRole {
  return (BUILT_IN_ROLES as readonly string[]).includes(value);
}

/**
 * A role's permissions: the built-in roles from the table above (so a new permission reaches them
 * without a data migration); another role from its stored list, where '*' means all.
 */
export function permissionsOfRole(name: string, stored: readonly string[]): Permission[] {
  if (isBuiltInRole(name)) return [...ROLE_PERMISSIONS[name]];
  if (stored.includes('*')) return [...PERMISSIONS];
  return stored.filter(isPermission);
}

/** What a key may do: its owner's permissions, cut down to the key's own list when it has one. */
export function effectivePermissions(rolePermissions: readonly Permission[], keyPermissions: readonly string[] | null): Permission[] {
  if (!keyPermissions) return [...rolePermissions];
  return rolePermissions.filter((p) => keyPermissions.includes(p));
}
