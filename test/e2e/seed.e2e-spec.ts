import { createHash, randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DEMO_ADMIN_EMAIL, DEMO_ORGANIZATION_SLUG, seedDatabase } from '../../src/infra/database/seed/seed';
import { CONNECTOR_DEFINITIONS } from '../../src/modules/connectors/providers';
import { parseKeyRing } from '../../src/modules/connectors/vault/key-ring';
import { MOCK_PLACEHOLDER_SECRET, placeholderSecrets } from '../../src/modules/connectors/vault/mock-connections';
import { open } from '../../src/modules/connectors/vault/secret-box';
import { createMigratedTestDatabase, TestDatabase } from '../support/database';

const SEEDED_TABLES = ['organizations', 'users', 'organization_roles', 'organization_memberships', 'api_keys'] as const;

const sha256Hex = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const randomApiKey = () => `nh_${randomBytes(32).toString('base64url')}`;

describe(seedDatabase.name, () => {
  const databases: TestDatabase[] = [];
  const clients: Client[] = [];

  afterAll(async () => {
    await Promise.all(clients.map((client) => client.end()));
    await Promise.all(databases.map((db) => db.drop()));
  });

  /** Each test seeds a database of its own, so none depends on another's leftovers. */
  async function freshDatabase(): Promise<{ url: string; sql: Client }> {
    const db = await createMigratedTestDatabase();
    databases.push(db);
    const sql = new Client({ connectionString: db.url });
    await sql.connect();
    clients.push(sql);
    return { url: db.url, sql };
  }

  async function rowCounts(sql: Client): Promise<Record<string, number>> {
    const counts: Record<string, number> = {};
    for (const table of SEEDED_TABLES) {
      const { rows } = await sql.query<{ count: string }>(`SELECT count(*) AS count FROM "${table}"`);
      counts[table] = Number(rows[0].count);
    }
    return counts;
  }

  it('should leave identical row counts in every table when run twice with a given key', async () => {
    const { url, sql } = await freshDatabase();
    const apiKey = randomApiKey();

    const first = await seedDatabase({ databaseUrl: url, apiKey });
    const afterFirst = await rowCounts(sql);
    const second = await seedDatabase({ databaseUrl: url, apiKey });

    expect(afterFirst).toEqual({ organizations: 1, users: 1, organization_roles: 4, organization_memberships: 1, api_keys: 1 });
    expect(await rowCounts(sql)).toEqual(afterFirst);
    expect(second).toEqual(first);
  });

  it('should leave identical row counts in every table when run twice without a key', async () => {
    const { url, sql } = await freshDatabase();

    await seedDatabase({ databaseUrl: url });
    const afterFirst = await rowCounts(sql);
    await seedDatabase({ databaseUrl: url });

    expect(afterFirst).toEqual({ organizations: 1, users: 1, organization_roles: 4, organization_memberships: 1, api_keys: 1 });
    expect(await rowCounts(sql)).toEqual(afterFirst);
  });

  it('should create the demo organization, its admin and their membership', async () => {
    const { url, sql } = await freshDatabase();

    const result = await seedDatabase({ databaseUrl: url, apiKey: randomApiKey() });

    const { rows } = await sql.query<{ organization_id: string; user_id: string; slug: string; email: string; role: string; permissions: unknown }>(
      `SELECT m.organization_id, m.user_id, o.slug, u.email, r.name AS role, r.permissions
         FROM organization_memberships m
         JOIN organizations o ON o.id = m.organization_id
         JOIN users u ON u.id = m.user_id
         JOIN organization_roles r ON r.id = m.role_id`,
    );
    expect(rows).toEqual([
      {
        organization_id: result.organizationId,
        user_id: result.userId,
        slug: DEMO_ORGANIZATION_SLUG,
        email: DEMO_ADMIN_EMAIL,
        role: 'owner',
        permissions: [],
      },
    ]);
  });

  it('should store only the sha256 of a given key, owned by the demo admin, and say once where the key is', async () => {
    const { url, sql } = await freshDatabase();
    const apiKey = randomApiKey();
    const log = jest.fn((_message: string) => undefined);

    const result = await seedDatabase({ databaseUrl: url, apiKey, log });

    const { rows } = await sql.query('SELECT * FROM api_keys');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      key_hash: sha256Hex(apiKey),
      prefix: apiKey.slice(0, 11),
      organization_id: result.organizationId,
      user_id: result.userId,
      revoked_at: null,
    });
    expect(JSON.stringify(rows)).not.toContain(apiKey);
    expect(JSON.stringify(rows)).not.toContain(apiKey.slice(11));
    expect(result.generatedApiKey).toBeUndefined();
    expect(log.mock.calls).toEqual([[`seeded the demo organization Demo Agency (${DEMO_ORGANIZATION_SLUG}) with its admin ${DEMO_ADMIN_EMAIL}; its API key is the one in SEED_API_KEY`]]);
  });

  it('should generate a key once, log it once, and generate none on the next run', async () => {
    const { url, sql } = await freshDatabase();
    const firstLog = jest.fn((_message: string) => undefined);
    const secondLog = jest.fn((message: string) => {
      throw new Error(`the second run should log nothing, got: ${message}`);
    });

    const first = await seedDatabase({ databaseUrl: url, log: firstLog });
    const second = await seedDatabase({ databaseUrl: url, log: secondLog });

    expect(first.generatedApiKey).toMatch(/^nh_[A-Za-z0-9_-]{43}$/);
    expect(firstLog).toHaveBeenCalledTimes(2);
    expect(firstLog.mock.calls[0][0]).toMatch(/^seeded the demo organization .*its API key is printed below, once/);
    expect(firstLog.mock.calls[1][0]).toContain(first.generatedApiKey);
    expect(second.generatedApiKey).toBeUndefined();
    expect(secondLog).not.toHaveBeenCalled();

    const { rows } = await sql.query('SELECT * FROM api_keys');
    expect(rows).toHaveLength(1);
    expect(rows[0].key_hash).toBe(sha256Hex(first.generatedApiKey ?? ''));
    expect(JSON.stringify(rows)).not.toContain(first.generatedApiKey);
  });

  it("should connect the demo organization to the mock connectors with sealed placeholder credentials, once, keeping a connection it already has", async () => {
    const { url, sql } = await freshDatabase();
    const ring = parseKeyRing(`seed:${randomBytes(32).toString('base64')}`);
    const manifests = CONNECTOR_DEFINITIONS.map((d) => d.manifest).filter((m) => ['slack', 'stripe', 'shopify'].includes(m.key));
    const log = jest.fn((_message: string) => undefined);

    const seeded = await seedDatabase({ databaseUrl: url, apiKey: randomApiKey(), log, mockConnectors: { ring, manifests } });
    await sql.query("UPDATE connector_auths SET metadata = '{\"kept\": \"yes\"}' FROM connectors c WHERE c.id = connector_id AND c.key = 'stripe'");
    await seedDatabase({ databaseUrl: url, log: () => undefined, mockConnectors: { ring, manifests } });

    const { rows } = await sql.query<{ key: string; status: string; secret_ciphertext: string; metadata: object; organization_id: string }>(
      'SELECT c.key, a.status, a.secret_ciphertext, a.metadata, a.organization_id FROM connector_auths a JOIN connectors c ON c.id = a.connector_id ORDER BY c.key',
    );
    expect(rows.map((r) => [r.key, r.status, r.organization_id])).toEqual([
      ['shopify', 'ACTIVE', seeded.organizationId],
      ['slack', 'ACTIVE', seeded.organizationId],
      ['stripe', 'ACTIVE', seeded.organizationId],
    ]);
    expect(rows.find((r) => r.key === 'stripe')?.metadata).toEqual({ kept: 'yes' });
    expect(JSON.stringify(rows)).not.toContain(MOCK_PLACEHOLDER_SECRET);
    for (const row of rows) {
      const owner = { organizationId: seeded.organizationId, connectorKey: row.key, connectionName: 'default' };
      expect(JSON.parse(open(ring, owner, row.secret_ciphertext))).toEqual(placeholderSecrets(manifests.find((m) => m.key === row.key)!));
    }
    expect(log).toHaveBeenCalledWith('connected the demo organization to 3 mock connectors with placeholder credentials (sealed like real ones)');
  });

  async function seedKeys(sql: Client): Promise<Array<{ key_hash: string; name: string; revoked_at: Date | null }>> {
    const { rows } = await sql.query<{ key_hash: string; name: string; revoked_at: Date | null }>(
      'SELECT key_hash, name, revoked_at FROM api_keys ORDER BY created_at, key_hash',
    );
    return rows;
  }

  it('should revoke the previous seed key when a new key is given, and keep row counts on a re-run', async () => {
    const { url, sql } = await freshDatabase();
    const previous = randomApiKey();
    const next = randomApiKey();
    await seedDatabase({ databaseUrl: url, apiKey: previous });

    await seedDatabase({ databaseUrl: url, apiKey: next });
    const afterRotation = await rowCounts(sql);
    const keysAfterRotation = await seedKeys(sql);
    await seedDatabase({ databaseUrl: url, apiKey: next });

    expect(afterRotation).toEqual({ organizations: 1, users: 1, organization_roles: 4, organization_memberships: 1, api_keys: 2 });
    expect(keysAfterRotation).toEqual(
      expect.arrayContaining([
        { key_hash: sha256Hex(previous), name: 'seed', revoked_at: expect.any(Date) },
        { key_hash: sha256Hex(next), name: 'seed', revoked_at: null },
      ]),
    );
    expect(await rowCounts(sql)).toEqual(afterRotation);
    expect(await seedKeys(sql)).toEqual(keysAfterRotation);
  });

  it('should revoke a generated seed key once a key is given', async () => {
    const { url, sql } = await freshDatabase();
    const generated = (await seedDatabase({ databaseUrl: url, log: () => undefined })).generatedApiKey ?? '';
    const given = randomApiKey();

    await seedDatabase({ databaseUrl: url, apiKey: given });

    const keys = await seedKeys(sql);
    expect(keys.find((k) => k.key_hash === sha256Hex(generated))?.revoked_at).toBeInstanceOf(Date);
    expect(keys.find((k) => k.key_hash === sha256Hex(given))?.revoked_at).toBeNull();
    expect(keys.filter((k) => k.revoked_at === null)).toHaveLength(1);
  });

  it("should leave the demo admin's other keys alone when rotating the seed key", async () => {
    const { url, sql } = await freshDatabase();
    const seeded = await seedDatabase({ databaseUrl: url, apiKey: randomApiKey() });
    const otherHash = sha256Hex(randomApiKey());
    await sql.query("INSERT INTO api_keys (organization_id, user_id, name, prefix, key_hash) VALUES ($1, $2, 'ci', 'nh_ci', $3)", [
      seeded.organizationId,
      seeded.userId,
      otherHash,
    ]);

    await seedDatabase({ databaseUrl: url, apiKey: randomApiKey() });

    const other = (await seedKeys(sql)).find((k) => k.key_hash === otherHash);
    expect(other).toEqual({ key_hash: otherHash, name: 'ci', revoked_at: null });
  });

  it('should keep a revoked key revoked when it is given again, and say so without printing it', async () => {
    const { url, sql } = await freshDatabase();
    const apiKey = randomApiKey();
    await seedDatabase({ databaseUrl: url, apiKey });
    await sql.query("UPDATE api_keys SET revoked_at = '2026-01-02T03:04:05Z' WHERE key_hash = $1", [sha256Hex(apiKey)]);
    const countsBefore = await rowCounts(sql);
    const log = jest.fn((_message: string) => undefined);

    const result = await seedDatabase({ databaseUrl: url, apiKey, log });

    expect(await seedKeys(sql)).toEqual([{ key_hash: sha256Hex(apiKey), name: 'seed', revoked_at: new Date('2026-01-02T03:04:05Z') }]);
    expect(await rowCounts(sql)).toEqual(countsBefore);
    expect(result.generatedApiKey).toBeUndefined();
    expect(log).toHaveBeenCalledTimes(1);
    expect(log.mock.calls[0][0]).toMatch(/revoked/i);
    expect(log.mock.calls[0][0]).not.toContain(apiKey);
  });

  it('should not generate a key when a given key was seeded before', async () => {
    const { url, sql } = await freshDatabase();

    await seedDatabase({ databaseUrl: url, apiKey: randomApiKey() });
    const second = await seedDatabase({ databaseUrl: url });

    expect(second.generatedApiKey).toBeUndefined();
    expect((await rowCounts(sql)).api_keys).toBe(1);
  });
});
