import { createHash } from 'node:crypto';
import { Client } from 'pg';
import { randomApiKey } from './app';

export interface Tenant {
  organizationId: string;
  userId: string;
  apiKey: string;
}

/**
 * Another organization with an admin and an API key, written the way the API stores them
 * (sha256 of the key, its first 11 characters as the prefix): tenant isolation needs a second
 * caller, and the API has no endpoint that creates organizations.
 */
export async function createTenant(database: string | Client, slug: string): Promise<Tenant> {
  const db = typeof database === 'string' ? new Client({ connectionString: database }) : database;
  if (typeof database === 'string') await db.connect();
  try {
    const apiKey = randomApiKey();
    const org = await db.query('INSERT INTO organizations (slug, name, updated_at) VALUES ($1, $2, now()) RETURNING id', [slug, `Tenant ${slug}`]);
    const user = await db.query('INSERT INTO users (email, name, updated_at) VALUES ($1, $2, now()) RETURNING id', [`admin@${slug}.test`, `Admin of ${slug}`]);
    const role = await db.query("INSERT INTO organization_roles (organization_id, name, permissions) VALUES ($1, 'admin', $2) RETURNING id", [org.rows[0].id, ['*']]);
    await db.query('INSERT INTO organization_memberships (organization_id, user_id, role_id) VALUES ($1, $2, $3)', [org.rows[0].id, user.rows[0].id, role.rows[0].id]);
    await db.query("INSERT INTO api_keys (organization_id, user_id, name, prefix, key_hash) VALUES ($1, $2, 'test', $3, $4)", [
      org.rows[0].id,
      user.rows[0].id,
      apiKey.slice(0, 11),
      createHash('sha256').update(apiKey).digest('hex'),
    ]);
    return { organizationId: org.rows[0].id, userId: user.rows[0].id, apiKey };
  } finally {
    if (typeof database === 'string') await db.end();
  }
}
