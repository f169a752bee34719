import { CommandRefusal } from '../cli';

export type RoleKind = 'migrate' | 'app' | 'readonly';

export interface DatabaseRole {
  kind: RoleKind;
  name: string;
  /** The variable the password comes from; unset leaves the role's password as it is. */
  passwordVariable: string;
  password?: string;
}

export type DatabaseRoles = Record<RoleKind, DatabaseRole>;

const SUFFIX = /^[a-z0-9_]{0,24}$/;

/**
 * The three roles, named neonhub_migrate, neonhub_app and neonhub_readonly, plus
 * NEONHUB_DB_ROLE_SUFFIX when set. Roles belong to the whole PostgreSQL cluster, not to one
 * database: two environments sharing a cluster (staging_ and prod_ databases) or two test runs
 * need different names, or they would grant each other's databases.
 */
export function databaseRoles(env: NodeJS.ProcessEnv): DatabaseRoles {
  const suffix = env.NEONHUB_DB_ROLE_SUFFIX ?? '';
  if (!SUFFIX.test(suffix)) {
    throw new CommandRefusal('NEONHUB_DB_ROLE_SUFFIX must be at most 24 lowercase letters, digits or underscores', 2);
  }
  const role = (kind: RoleKind): DatabaseRole => {
    const passwordVariable = `NEONHUB_${kind.toUpperCase()}_DB_PASSWORD`;
    return { kind, name: `neonhub_${kind}${suffix}`, passwordVariable, password: env[passwordVariable] || undefined };
  };
  return { migrate: role('migrate'), app: role('app'), readonly: role('readonly') };
}

/** Double-quoted identifier; names are validated above, quoting is the second guard. */
export function ident(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
