/** Organizations for the benches: the API has no endpoint that creates one. */
import type { Client } from 'pg';
import { issueApiKey } from '../../../src/modules/api-keys/api-key-token';

/** Organizations with an admin and an API key each, written the way the API stores them. */
export async function createTenants(db: Client, count: number, slugPrefix = 'bench'): Promise<{ keys: string[]; organizationIds: string[] }> {
  const keys: string[] = [];
  const organizationIds: string[] = [];
  await db.query('BEGIN');
  for (let i = 0; i < count; i++) {
    const key = issueApiKey();
    const slug = `${slugPrefix}-${i}`;
    const org = await db.query('INSERT INTO organizations (slug, name, updated_at) VALUES ($1, $2, now()) RETURNING id', [slug, `Bench tenant ${slug}`]);
    const user = await db.query('INSERT INTO users (email, name, updated_at) VALUES ($1, $2, now()) RETURNING id', [`${slug}@bench.test`, `Bench admin ${slug}`]);
    const role = await db.query("INSERT INTO organization_roles (organization_id, name, permissions) VALUES ($1, 'admin', $2) RETURNING id", [org.rows[0].id, ['*']]);
    await db.query('INSERT INTO organization_memberships (organization_id, user_id, role_id) VALUES ($1, $2, $3)', [org.rows[0].id, user.rows[0].id, role.rows[0].id]);
    await db.query("INSERT INTO api_keys (organization_id, user_id, name, prefix, key_hash) VALUES ($1, $2, 'bench', $3, $4)", [org.rows[0].id, user.rows[0].id, key.prefix, key.hash]);
    keys.push(key.plaintext);
    organizationIds.push(org.rows[0].id);
  }
  await db.query('COMMIT');
  return { keys, organizationIds };
}
