import IORedis from 'ioredis';
import { OAuthStateCodec } from '../../src/modules/connectors/oauth/oauth-state';
import { RedisRefreshLock } from '../../src/modules/connectors/vault/refresh-lock';
import { bearer, createTestApp } from '../support/app';
import { useE2eApp } from '../support/e2e-context';
import { FakeOAuthServer } from '../support/fakes/oauth-fake';
import { realConnectorsConfig, registerTestConnectors, testConnector } from '../support/vault-test-connectors';

const KEY = 'vaulttest_oauth';
const OTHER = 'vaulttest_oauth_other';
const CLIENT = { clientId: 'neonhub-e2e-client', clientSecret: 'e2e-client-secret-0123456789' };

describe('Connector OAuth2 flow', () => {
  const fake = new FakeOAuthServer(CLIENT);
  let unregister: () => void;

  // Hooks run in the order declared: the fake and the test connectors exist before the app and
  // outlive it.
  beforeAll(async () => {
    await fake.start();
    unregister = registerTestConnectors(testConnector(KEY, 'oauth2', fake.baseUrl), testConnector(OTHER, 'oauth2', fake.baseUrl));
  });
  const sut = useE2eApp({
    config: () => {
      const peer = { baseUrl: fake.baseUrl, oauthClient: CLIENT };
      return realConnectorsConfig({ [KEY]: peer, [OTHER]: peer });
    },
  });
  afterAll(async () => {
    unregister?.();
    await fake.stop();
  });
  beforeEach(() => {
    fake.tokenRequests.length = 0;
  });

  const start = async (key = KEY) => new URL((await sut.http.get(`/v1/connectors/${key}/oauth/start`).set(bearer(sut.apiKey)).expect(200)).body.authorizeUrl);
  /** The user approves at the provider, which redirects the browser back with a code and the state. */
  async function approve(authorizeUrl: URL): Promise<{ code: string; state: string }> {
    const redirect = await fetch(authorizeUrl, { redirect: 'manual' });
    const back = new URL(redirect.headers.get('location')!);
    return { code: back.searchParams.get('code')!, state: back.searchParams.get('state')! };
  }
  const callback = (query: Record<string, string>, key = KEY) => sut.http.get(`/v1/connectors/${key}/oauth/callback`).query(query);
  const connect = async () => callback(await approve(await start())).expect(200);
  const invoke = () => sut.http.post(`/v1/connectors/${KEY}/actions/whoami`).set(bearer(sut.apiKey)).send({}).expect(201);
  const row = async () => (await sut.sql.query("SELECT a.id, a.status, a.expires_at FROM connector_auths a JOIN connectors c ON c.id = a.connector_id WHERE c.key = $1", [KEY])).rows[0];
  const dump = async (table: string) => (await sut.sql.query(`SELECT row_to_json(t)::text AS row FROM ${table} t`)).rows.map((r: { row: string }) => r.row).join('\n');

  it('should build the authorize URL with the client, redirect URI, scopes, PKCE and state, for API-key callers only', async () => {
    await sut.http.get(`/v1/connectors/${KEY}/oauth/start`).expect(401);

    const url = await start();

    expect(url.origin + url.pathname).toBe(`${fake.baseUrl}/authorize`);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: 'code',
      client_id: CLIENT.clientId,
      redirect_uri: `http://neonhub.test/v1/connectors/${KEY}/oauth/callback`,
      scope: 'read write',
      state: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+\.[\w-]+$/),
      code_challenge: expect.stringMatching(/^[\w-]{43}$/),
      code_challenge_method: 'S256',
    });
  });

  it('should document the callback as public, with the reason, and start as secured by the API key', async () => {
    const paths = (await sut.http.get('/docs-json').expect(200)).body.paths;

    expect(paths['/v1/connectors/{key}/oauth/callback'].get).toMatchObject({ 'x-neonhub-public': expect.stringContaining('state') });
    expect(paths['/v1/connectors/{key}/oauth/callback'].get.security).toEqual([]);
    expect(paths['/v1/connectors/{key}/oauth/start'].get.security).toEqual([{ 'api-key': [] }]);
  });

  it('should exchange the code at the callback without an API key, store the tokens encrypted, and call with them', async () => {
    const res = await connect();

    expect(res.body).toMatchObject({ key: KEY, connected: true, status: 'ACTIVE', scopes: ['read', 'write'], secrets: { accessToken: expect.stringMatching(/^••••/), refreshToken: expect.stringMatching(/^••••/), tokenType: '••••' } });
    expect(fake.tokenRequests.map((r) => r.grantType)).toEqual(['authorization_code']);
    expect(fake.tokenRequests[0].form.get('code_verifier')).toMatch(/^[\w-]{43}$/);
    expect(new Date(res.body.expiresAt).getTime()).toBeGreaterThan(Date.now() + 50 * 60_000);
    const stored = `${await dump('connector_auths')}\n${await dump('audit_logs')}`;
    for (const token of fake.issuedTokens) {
      expect(stored).not.toContain(token);
      expect(res.text).not.toContain(token);
    }
    const audit = (await sut.sql.query("SELECT actor_user_id, metadata FROM audit_logs WHERE action = 'connector.oauth.connected'")).rows[0];
    expect(audit).toEqual({ actor_user_id: sut.userId, metadata: { connector: KEY, connectionName: 'default', replaced: false, secretFields: ['accessToken', 'refreshToken', 'tokenType'], metadataFields: [] } });

    expect((await invoke()).body).toMatchObject({ status: 'COMPLETED', output: { id: 'user-1' } });
  });

  it('should reject a replayed, tampered, cross-connector, expired or missing state with 400', async () => {
    const approved = await approve(await start());
    await callback(approved).expect(200);

    const replay = await callback(approved).expect(400);
    expect(replay.body.message).toMatch(/^invalid OAuth state: it was already used/);
    const [keyId, iv, body, tag] = (await approve(await start())).state.split('.');
    const flipped = `${keyId}.${iv}.${body.slice(0, -1)}${body.endsWith('A') ? 'B' : 'A'}.${tag}`;
    expect((await callback({ code: 'c', state: flipped }).expect(400)).body.message).toMatch(/^invalid OAuth state: it was altered/);
    expect((await callback(await approve(await start()), OTHER).expect(400)).body.message).toBe(`invalid OAuth state: it was issued for connector ${KEY}, not ${OTHER}`);
    const expired = sut.app.get(OAuthStateCodec).issue({ organizationId: sut.organizationId, userId: sut.userId, connectorKey: KEY, connectionName: 'default', expiresAt: Date.now() - 1, nonce: 'n-expired', codeVerifier: 'v' });
    expect((await callback({ code: 'c', state: expired }).expect(400)).body.message).toMatch(/^OAuth state expired/);
    expect((await callback({ code: 'c' }).expect(400)).body.message).toBe('invalid OAuth state: the callback has no state parameter');
    expect(fake.tokenRequests.map((r) => r.grantType)).toEqual(['authorization_code']);
  });

  it('should answer 400 when the user declined at the provider', async () => {
    const { state } = await approve(await start());

    const res = await callback({ error: 'access_denied', state }).expect(400);

    expect(res.body.message).toBe(`the provider did not authorize ${KEY} (access_denied); start again: GET /v1/connectors/${KEY}/oauth/start`);
  });

  it('should refresh a token about to expire before the call, and answer a 401 with one refresh and one retry', async () => {
    await connect();
    fake.tokenRequests.length = 0;
    await sut.sql.query("UPDATE connector_auths SET expires_at = now() + interval '60 seconds'");

    expect((await invoke()).body.status).toBe('COMPLETED');
    expect(fake.tokenRequests.map((r) => r.grantType)).toEqual(['refresh_token']);
    expect(new Date((await row()).expires_at).getTime()).toBeGreaterThan(Date.now() + 50 * 60_000);

    fake.expireAccessTokens();
    expect((await invoke()).body.status).toBe('COMPLETED');
    expect(fake.tokenRequests.map((r) => r.grantType)).toEqual(['refresh_token', 'refresh_token']);
  });

  it('should mark the connection REAUTH_REQUIRED on invalid_grant with the way to reconnect, until it is reconnected', async () => {
    await connect();
    fake.revokeGrants();
    fake.expireAccessTokens();

    const failed = (await invoke()).body;

    expect(failed).toMatchObject({ status: 'FAILED', error: { message: expect.stringContaining(`reconnect ${KEY}: GET /v1/connectors/${KEY}/oauth/start`) } });
    expect((await row()).status).toBe('REAUTH_REQUIRED');
    expect((await sut.http.get(`/v1/connectors/${KEY}`).set(bearer(sut.apiKey)).expect(200)).body.connected).toBe(false);

    await connect();
    expect((await row()).status).toBe('ACTIVE');
    expect((await invoke()).body.status).toBe('COMPLETED');
  });

  it('should refresh once when two processes need it at the same time: the second waits on the Redis lock', async () => {
    await connect();
    const second = await createTestApp(realConnectorsConfig({ [KEY]: { baseUrl: fake.baseUrl, oauthClient: CLIENT }, [OTHER]: { baseUrl: fake.baseUrl, oauthClient: CLIENT } }), sut.db);
    const redis = new IORedis(sut.config.redisUrl);
    const monitor = await redis.monitor();
    try {
      const { id } = await row();
      await sut.sql.query("UPDATE connector_auths SET expires_at = now() + interval '30 seconds'");
      fake.tokenRequests.length = 0;
      const release = fake.holdTokenAnswers();
      const waiting = new Promise<void>((resolve) => monitor.on('monitor', (_time: string, args: string[]) => args[0]?.toLowerCase() === 'exists' && args[1]?.endsWith(id) && resolve()));

      // supertest sends on then(): start each request now, not when awaited below.
      const first = invoke().then((r) => r);
      await fake.tokenRequestsReceived(1);
      const other = second.http.post(`/v1/connectors/${KEY}/actions/whoami`).set(bearer(sut.apiKey)).send({}).expect(201).then((r) => r);
      await waiting;
      release();

      const [a, b] = await Promise.all([first, other]);
      expect([a.body.status, b.body.status]).toEqual(['COMPLETED', 'COMPLETED']);
      expect(fake.tokenRequests.map((r) => r.grantType)).toEqual(['refresh_token']);
    } finally {
      monitor.disconnect();
      redis.disconnect();
      await second.close();
    }
  });

  it('should hold the Redis lock for a bounded time and never free a successor\'s lock', async () => {
    const lock = sut.app.get(RedisRefreshLock);
    const redis = new IORedis(sut.config.redisUrl);
    try {
      const held = await lock.tryAcquire('conn-e2e');
      expect(held).toEqual({ release: expect.any(Function) });
      await expect(lock.tryAcquire('conn-e2e')).resolves.toBe('held');
      const ttl = await redis.pttl('neonhub:connector-auth:refresh:conn-e2e');
      expect(ttl).toBeGreaterThan(10_000);
      expect(ttl).toBeLessThanOrEqual(15_000);

      await redis.set('neonhub:connector-auth:refresh:conn-e2e', 'a-successor');
      await (held as { release(): Promise<void> }).release();
      await expect(redis.get('neonhub:connector-auth:refresh:conn-e2e')).resolves.toBe('a-successor');
      await redis.del('neonhub:connector-auth:refresh:conn-e2e');
      await expect(lock.waitForRelease('conn-e2e', 5_000)).resolves.toBeUndefined();
    } finally {
      redis.disconnect();
    }
  });
});
