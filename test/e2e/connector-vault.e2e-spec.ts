import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Client } from 'pg';
import { projectRoot } from '../../src/common/project-root';
import type { AppConfig } from '../../src/config/app-config';
import { ConnectorRegistry } from '../../src/modules/connectors/connector-registry';
import { ConnectionsService } from '../../src/modules/connectors/vault/connections.service';
import { CredentialsService } from '../../src/modules/connectors/vault/credentials.service';
import { Vault } from '../../src/modules/connectors/vault/vault';
import { bearer } from '../support/app';
import { useE2eApp } from '../support/e2e-context';
import { createMigratedTestDatabase, TestDatabase } from '../support/database';
import { ApiKeyPeer, realConnectorsConfig, registerTestConnectors, testConnector } from '../support/vault-test-connectors';

const API = 'vaulttest_apikey';
const OAUTH = 'vaulttest_oauth';
const SECRET = `sk_vault_${randomBytes(18).toString('hex')}`;

describe('Connector credential vault', () => {
  const peer = new ApiKeyPeer(SECRET);
  let unregister: () => void;

  // Hooks run in the order declared: the peer and the test connectors exist before the app and
  // outlive it.
  beforeAll(async () => {
    await peer.start();
    unregister = registerTestConnectors(testConnector(API, 'api_key'), testConnector(OAUTH, 'oauth2', 'http://127.0.0.1:9'));
  });
  const sut = useE2eApp({ config: () => realConnectorsConfig({ [API]: { baseUrl: peer.baseUrl } }) });
  afterAll(async () => {
    unregister?.();
    await peer.stop();
  });

  const put = (key: string, body: object) => sut.http.put(`/v1/connectors/${key}/credentials`).set(bearer(sut.apiKey)).send(body);
  /** Every column of every row of a table, as text: what an attacker with a database dump would read. */
  const dump = async (table: string) => (await sut.sql.query(`SELECT row_to_json(t)::text AS row FROM ${table} t`)).rows.map((r: { row: string }) => r.row).join('\n');

  it('should store a secret encrypted, answer it masked, and never show it again', async () => {
    const res = await put(API, { secrets: { apiKey: SECRET }, metadata: { accountId: 'acct_42' } }).expect(200);

    expect(res.body).toMatchObject({ key: API, connectionName: 'default', connected: true, status: 'ACTIVE', secrets: { apiKey: `••••${SECRET.slice(-4)}` }, metadata: { accountId: 'acct_42' } });
    const reads = await Promise.all([
      sut.http.get(`/v1/connectors/${API}/credentials`).set(bearer(sut.apiKey)).expect(200),
      sut.http.get(`/v1/connectors/${API}`).set(bearer(sut.apiKey)).expect(200),
      sut.http.get('/v1/connectors').set(bearer(sut.apiKey)).expect(200),
    ]);
    expect(reads[1].body.connected).toBe(true);
    for (const r of [res, ...reads]) expect(r.text).not.toContain(SECRET.slice(0, -4));

    const row = await dump('connector_auths');
    expect(row).toContain('acct_42');
    expect(row).not.toContain(SECRET);
    expect(row).not.toContain(Buffer.from(SECRET).toString('base64'));
    const audit = await dump('audit_logs');
    expect(audit).toContain('connector.credentials.saved');
    const { rows } = await sut.sql.query("SELECT metadata FROM audit_logs WHERE action = 'connector.credentials.saved'");
    expect(rows[0].metadata).toEqual({ connector: API, connectionName: 'default', replaced: false, secretFields: ['apiKey'], metadataFields: ['accountId'] });
    expect(audit).not.toContain(SECRET.slice(-8));
  });

  it('should use the secret for a real call and keep it out of the run, its tool execution and the answer', async () => {
    await put(API, { secrets: { apiKey: SECRET }, metadata: { accountId: 'acct_42' } }).expect(200);

    const res = await sut.http.post(`/v1/connectors/${API}/actions/whoami`).set(bearer(sut.apiKey)).send({}).expect(201);

    expect(res.body.status).toBe('COMPLETED');
    expect(res.body.output).toEqual({ id: 'account-7' });
    expect(peer.authorizations.at(-1)).toBe(`Bearer ${SECRET}`);
    expect(res.text).not.toContain(SECRET);
    expect(await dump('agent_runs')).not.toContain(SECRET);
    expect(await dump('tool_executions')).not.toContain(SECRET);
  });

  it('should name unknown and missing fields, send oauth2 connectors to the OAuth flow, and 404 an unknown connector', async () => {
    const bad = await put(API, { secrets: { apiKey: SECRET, password: 'hunter2-hunter2' }, metadata: { region: 'eu' } }).expect(400);
    expect(bad.body.message).toContain('secrets.password is not a field of this connector');
    expect(bad.body.message).toContain('metadata.region is not a field of this connector');
    expect(bad.text).not.toContain(SECRET);
    expect(bad.text).not.toContain('hunter2');

    const missing = await put(API, { secrets: {}, metadata: { accountId: 'a' } }).expect(400);
    expect(missing.body.message).toContain('secrets.apiKey is missing');

    const oauth = await put(OAUTH, { secrets: { accessToken: 'x' } }).expect(400);
    expect(oauth.body.message).toBe(`connector ${OAUTH} authorizes with OAuth2: use the OAuth flow, GET /v1/connectors/${OAUTH}/oauth/start`);

    await put('no_such_connector', { secrets: { apiKey: 'x' } }).expect(404);
    await put(API, { secrets: 'not-an-object' }).expect(400);
  });

  it("should take, for every connector in the catalog, exactly its manifest's fields, or send it to the OAuth flow", async () => {
    const providers = sut.app.get(ConnectorRegistry).enabled().filter((p) => !p.manifest.key.startsWith('vaulttest_'));
    expect(providers.length).toBeGreaterThan(0);
    const values: string[] = [];
    for (const { manifest } of providers) {
      const secrets = Object.fromEntries(manifest.secretFields.map((f) => [f, `${f}_${randomBytes(12).toString('hex')}`]));
      values.push(...Object.values(secrets));
      const res = await put(manifest.key, { secrets, metadata: Object.fromEntries(manifest.metadataFields.map((f) => [f, `${f}-value`])) });
      if (manifest.authType === 'oauth2') {
        expect({ key: manifest.key, status: res.status, message: res.body.message }).toEqual({ key: manifest.key, status: 400, message: expect.stringContaining('use the OAuth flow') });
        continue;
      }
      expect({ key: manifest.key, status: res.status }).toEqual({ key: manifest.key, status: 200 });
      expect(Object.keys(res.body.secrets).sort()).toEqual([...manifest.secretFields].sort());
      for (const value of Object.values(secrets)) expect(res.text).not.toContain(value);
    }
    const stored = `${await dump('connector_auths')}\n${await dump('audit_logs')}`;
    for (const value of values) expect(stored).not.toContain(value);
  });

  it('should delete a connection (204), then answer 404, and audit both', async () => {
    await put(API, { secrets: { apiKey: SECRET }, metadata: { accountId: 'acct_42' }, connectionName: 'spare' }).expect(200);

    await sut.http.delete(`/v1/connectors/${API}/credentials?connectionName=spare`).set(bearer(sut.apiKey)).expect(204);
    await sut.http.delete(`/v1/connectors/${API}/credentials?connectionName=spare`).set(bearer(sut.apiKey)).expect(404);
    await sut.http.get(`/v1/connectors/${API}/credentials?connectionName=spare`).set(bearer(sut.apiKey)).expect(404);
    expect(await dump('audit_logs')).toContain('connector.credentials.deleted');
  });

  it("should not decrypt a ciphertext copied from another organization's row: 424 telling to reconnect, nothing leaked", async () => {
    const other = (await sut.sql.query<{ id: string }>("INSERT INTO organizations (slug, name, updated_at) VALUES ('other-tenant', 'Other', now()) RETURNING id")).rows[0];
    const theirSecret = `sk_theirs_${randomBytes(12).toString('hex')}`;
    await sut.app.get(ConnectionsService).save(other.id, sut.app.get(ConnectorRegistry).get(API).manifest, 'default', { secrets: { apiKey: theirSecret } }, 'test.seeded');
    await put(API, { secrets: { apiKey: SECRET }, metadata: { accountId: 'acct_42' } }).expect(200);
    await sut.sql.query(
      `UPDATE connector_auths mine SET secret_ciphertext = theirs.secret_ciphertext FROM connector_auths theirs
        WHERE mine.organization_id = $1 AND theirs.organization_id = $2 AND mine.connector_id = theirs.connector_id AND mine.connection_name = 'default'`,
      [sut.organizationId, other.id],
    );

    const invoke = await sut.http.post(`/v1/connectors/${API}/actions/whoami`).set(bearer(sut.apiKey)).send({}).expect(201);
    const read = await sut.http.get(`/v1/connectors/${API}/credentials`).set(bearer(sut.apiKey)).expect(424);
    const direct = sut.app.get(CredentialsService).withCredentials(sut.app.get(ConnectorRegistry).get(API), sut.organizationId, async () => 'called');
    await expect(direct).rejects.toMatchObject({ category: 'REAUTH_REQUIRED', statusCode: 424 });

    expect(invoke.body).toMatchObject({ status: 'FAILED', error: { class: 'ConnectorError:REAUTH_REQUIRED', message: expect.stringContaining('cannot be decrypted for this organization') } });
    expect(read.body.message).toBe(`connector ${API} needs to be reconnected (its stored credentials cannot be decrypted for this organization); reconnect ${API}: PUT /v1/connectors/${API}/credentials`);
    for (const text of [invoke.text, read.text, await dump('agent_runs'), await dump('tool_executions')]) expect(text).not.toContain(theirSecret);
    expect(peer.authorizations.some((a) => a.includes(theirSecret))).toBe(false);
  });

  it('should reject a tampered OAuth state with 400 and no API key needed to be told so', async () => {
    const start = await sut.http.get(`/v1/connectors/${OAUTH}/oauth/start`).set(bearer(sut.apiKey));
    // No OAuth client is configured for this connector in this suite: the deployment says how to fix it.
    expect(start.status).toBe(503);
    expect(start.body.message).toContain(`CONNECTOR_${OAUTH.toUpperCase()}_CLIENT_ID`);

    const res = await sut.http.get(`/v1/connectors/${OAUTH}/oauth/callback`).query({ code: 'c', state: 'k1.AAAA.BBBB.CCCC' }).expect(400);
    expect(res.body.message).toMatch(/^invalid OAuth state: it was altered or not issued by this deployment/);
  });
});

const key = () => randomBytes(32).toString('base64');
const vaultOf = (keys: string) => new Vault({ encryptionKeys: keys, nodeEnv: 'production', dataDir: '/nonexistent' } as AppConfig);

/** Runs scripts/vault/rotate.ts the way `npm run vault:rotate` does. */
function rotate(env: Record<string, string>, args: string[] = []): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const root = projectRoot();
  const child = spawn(process.execPath, [join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(root, 'scripts', 'vault', 'rotate.ts'), ...args], { cwd: root, env: { ...process.env, ...env } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('npm run vault:rotate', () => {
  const oldKey = key();
  const newKey = key();
  const oldRing = `old:${oldKey}`;
  const rotatedRing = `new:${newKey},old:${oldKey}`;
  let db: TestDatabase;
  let client: Client;

  beforeAll(async () => {
    db = await createMigratedTestDatabase();
    client = new Client({ connectionString: db.url });
    await client.connect();
  });
  afterAll(async () => {
    await client?.end();
    await db?.drop();
  });

  /** Organizations with one connection each, sealed under `keys`; returns their owners and secrets. */
  async function seedConnections(count: number, keys: string): Promise<Array<{ id: string; organizationId: string; secret: string }>> {
    const vault = vaultOf(keys);
    const connectorId = (await client.query<{ id: string }>("INSERT INTO connectors (key, name, kind, auth_type, updated_at) VALUES ('acme', 'Acme', 'EMAIL', 'api_key', now()) ON CONFLICT (key) DO UPDATE SET name = 'Acme' RETURNING id")).rows[0].id;
    const seeded = [];
    for (let i = 0; i < count; i++) {
      const organizationId = (await client.query<{ id: string }>('INSERT INTO organizations (slug, name, updated_at) VALUES ($1, $2, now()) RETURNING id', [`org-${i}-${randomBytes(4).toString('hex')}`, 'Tenant'])).rows[0].id;
      const secret = `sk_${randomBytes(12).toString('hex')}`;
      const sealed = vault.seal({ organizationId, connectorKey: 'acme', connectionName: 'default' }, { apiKey: secret });
      const { id } = (await client.query<{ id: string }>('INSERT INTO connector_auths (organization_id, connector_id, secret_ciphertext, secret_key_id, updated_at) VALUES ($1, $2, $3, $4, now()) RETURNING id', [organizationId, connectorId, sealed.ciphertext, sealed.keyId])).rows[0];
      seeded.push({ id, organizationId, secret });
    }
    return seeded;
  }

  it('should re-encrypt every old-key row under the new key in batches, and find nothing the second time', async () => {
    const seeded = await seedConnections(5, oldRing);

    const first = await rotate({ DATABASE_URL: db.url, NEONHUB_ENCRYPTION_KEYS: rotatedRing }, ['--batch-size=2']);

    expect(first).toMatchObject({ code: 0, stderr: '' });
    expect(first.stdout).toContain('rotating connector credentials to key new (batches of 2)');
    expect(first.stdout).toContain('done: 5 rotated, 0 skipped (changed meanwhile), 0 failed');
    const { rows } = await client.query<{ id: string; secret_ciphertext: string; secret_key_id: string }>('SELECT id, secret_ciphertext, secret_key_id FROM connector_auths');
    const newOnly = vaultOf(`new:${newKey}`);
    for (const s of seeded) {
      const row = rows.find((r) => r.id === s.id)!;
      expect(row.secret_key_id).toBe('new');
      expect(row.secret_ciphertext.split('.')[1]).toBe('new');
      expect(newOnly.open({ organizationId: s.organizationId, connectorKey: 'acme', connectionName: 'default' }, row.secret_ciphertext)).toEqual({ apiKey: s.secret });
    }

    const second = await rotate({ DATABASE_URL: db.url, NEONHUB_ENCRYPTION_KEYS: rotatedRing });
    expect(second.stdout).toContain('done: 0 rotated, 0 skipped (changed meanwhile), 0 failed');
  }, 60_000);

  it('should exit 1 naming a row sealed under a key the ring no longer holds, and leave it as it was', async () => {
    const [lost] = await seedConnections(1, `gone:${key()}`);
    const before = (await client.query('SELECT secret_ciphertext FROM connector_auths WHERE id = $1', [lost.id])).rows[0];

    const sut = await rotate({ DATABASE_URL: db.url, NEONHUB_ENCRYPTION_KEYS: rotatedRing });

    expect(sut.code).toBe(1);
    expect(sut.stdout).toContain('done: 0 rotated, 0 skipped (changed meanwhile), 1 failed');
    expect(sut.stdout).toContain(`cannot decrypt connector_auths ${lost.id}`);
    expect((await client.query('SELECT secret_ciphertext FROM connector_auths WHERE id = $1', [lost.id])).rows[0]).toEqual(before);
  }, 60_000);
});
