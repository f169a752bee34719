import { createHash } from 'node:crypto';
import type { Client } from 'pg';
import type { BuiltInRole } from '../../src/modules/auth/permissions/permissions';
import { randomApiKey } from './app';

export interface Member {
  userId: string;
  membershipId: string;
  apiKey: string;
  email: string;
}

/**
 * A member of an organization with one of the built-in roles and an API key, written the way the
 * API stores them (the invitation flow has its own tests; most tests just need a viewer).
 */
export async function addMember(sql: Client, organizationId: string, role: BuiltInRole, email = `${role}-${randomApiKey().slice(3, 13)}@members.test`): Promise<Member> {
  const apiKey = randomApiKey();
  const roleRow = await sql.query(
    `INSERT INTO organization_roles (organization_id, name) VALUES ($1, $2)
     ON CONFLICT (organization_id, name) DO UPDATE SET name = EXCLUDED.name RETURNING id`,
    [organizationId, role],
  );
  const user = await sql.query('INSERT INTO users (email, name, updated_at) VALUES ($1, $2, now()) RETURNING id', [email, `A ${role}`]);
  const membership = await sql.query('INSERT INTO organization_memberships (organization_id, user_id, role_id) VALUES ($1, $2, $3) RETURNING id', [
    organizationId,
    user.rows[0].id,
    roleRow.rows[0].id,
  ]);
  await sql.query("INSERT INTO api_keys (organization_id, user_id, name, prefix, key_hash) VALUES ($1, $2, 'test', $3, $4)", [
    organizationId,
    user.rows[0].id,
    apiKey.slice(0, 11),
    createHash('sha256').update(apiKey).digest('hex'),
  ]);
  return { userId: user.rows[0].id, membershipId: membership.rows[0].id, apiKey, email };
}
