import { randomBytes } from 'node:crypto';
import type { AppConfig } from '../../../config/app-config';
import { FakeOAuthServer } from '../../../../test/support/fakes/oauth-fake';
import { InMemoryConnectorAuths, InMemoryRefreshLock, silentLogger } from '../../../../test/support/vault-doubles';
import { ConnectorError } from '../connector-error';
import type { ConnectorCallContext, ConnectorManifest, ConnectorProvider } from '../connector.types';
import { ProviderHttpClient } from '../http/provider-http-client';
import { OAuthTokenClient } from '../oauth/oauth-token-client';
import { ConnectionOpener } from './connection-opener';
import type { ConnectionCredentials } from './credentials-provider';
import { CredentialsService } from './credentials.service';
import { TokenRefresher } from './token-refresher';
import { Vault } from './vault';

const CLIENT = { clientId: 'neonhub-test-client', clientSecret: 'client-secret-0123456789' };
const KEYS = `k1:${randomBytes(32).toString('base64')}`;
const ORG = 'org-a';

describe(CredentialsService.name, () => {
  const fake = new FakeOAuthServer(CLIENT);
  beforeAll(() => fake.start());
  afterAll(() => fake.stop());

  const manifest = (): ConnectorManifest => ({
    key: 'acme',
    displayName: 'Acme',
    kind: 'SLACK',
    authType: 'oauth2',
    scopes: ['read'],
    rateLimit: { requests: 100, perSeconds: 60 },
    realAvailable: true,
    idempotentWrites: false,
    oauth: { authorizeUrl: `${fake.baseUrl}/authorize`, tokenUrl: `${fake.baseUrl}/token` },
    secretFields: [],
    metadataFields: [],
    actions: [],
  });

  /** The test-only provider: one action that reads the fake's protected resource with the bearer token. */
  const provider = (mode: 'real' | 'mock' = 'real'): ConnectorProvider => ({
    manifest: manifest(),
    mode,
    execute: async (_action, _input, context: ConnectorCallContext) =>
      (await new ProviderHttpClient(fake.baseUrl, 'acme').request({ method: 'GET', path: '/api/me', headers: { authorization: `Bearer ${context.secrets.accessToken}` } })).body,
  });
  const me = (connection: ConnectionCredentials) =>
    provider().execute('me', {}, { organizationId: ORG, connectionName: connection.connectionName, secrets: connection.secrets, metadata: connection.metadata, idempotencyKey: 'k', signal: new AbortController().signal });

  function harness(shared: { auths?: InMemoryConnectorAuths; lock?: InMemoryRefreshLock } = {}) {
    const vault = new Vault({ encryptionKeys: KEYS, nodeEnv: 'test', dataDir: '/nonexistent' } as AppConfig);
    const auths = shared.auths ?? new InMemoryConnectorAuths();
    const lock = shared.lock ?? new InMemoryRefreshLock();
    const config = { connectors: { oauthClients: { acme: CLIENT } } } as unknown as AppConfig;
    const opener = new ConnectionOpener(vault, silentLogger());
    const refresher = new TokenRefresher(auths.asRepository(), opener, vault, new OAuthTokenClient(), lock, config, silentLogger());
    const sut = new CredentialsService(auths.asRepository(), opener, refresher);
    const connect = (options: { expiresInMs: number; secrets?: Record<string, string>; organizationId?: string }) => {
      const secrets = options.secrets ?? fake.grantTokens();
      const owner = { organizationId: ORG, connectorKey: 'acme', connectionName: 'default' };
      const { ciphertext } = vault.seal(owner, secrets);
      return auths.add({ id: `auth-${randomBytes(4).toString('hex')}`, organizationId: options.organizationId ?? ORG, connectorKey: 'acme', connectionName: 'default', secretCiphertext: ciphertext, expiresAt: new Date(Date.now() + options.expiresInMs) });
    };
    const stored = (id: string) => vault.open({ organizationId: ORG, connectorKey: 'acme', connectionName: 'default' }, auths.rows.get(id)!.secretCiphertext!);
    return { sut, auths, lock, connect, stored };
  }

  beforeEach(() => {
    fake.tokenRequests.length = 0;
    fake.options.rotateRefreshTokens = false;
  });

  it('should call with the stored token while it is far from expiry', async () => {
    const { sut, connect } = harness();
    connect({ expiresInMs: 30 * 60_000 });

    await expect(sut.withCredentials(provider(), ORG, me)).resolves.toMatchObject({ id: 'user-1' });
    expect(fake.tokenRequests).toEqual([]);
  });

  it('should refresh a token expiring within two minutes before the call, keeping the refresh token the provider did not replace', async () => {
    const { sut, connect, stored, auths } = harness();
    const row = connect({ expiresInMs: 90_000 });
    const before = stored(row.id);

    await expect(sut.withCredentials(provider(), ORG, me)).resolves.toMatchObject({ id: 'user-1' });

    expect(fake.tokenRequests.map((r) => [r.grantType, r.form.get('refresh_token'), r.form.get('client_id')])).toEqual([['refresh_token', before.refreshToken, CLIENT.clientId]]);
    const after = stored(row.id);
    expect(after.accessToken).not.toBe(before.accessToken);
    expect(after.refreshToken).toBe(before.refreshToken);
    expect(auths.rows.get(row.id)!.expiresAt!.getTime()).toBeGreaterThan(Date.now() + 50 * 60_000);
  });

  it('should store the new refresh token when the provider rotates it', async () => {
    fake.options.rotateRefreshTokens = true;
    const { sut, connect, stored } = harness();
    const row = connect({ expiresInMs: 1_000 });
    const before = stored(row.id);

    await sut.withCredentials(provider(), ORG, me);

    expect(stored(row.id).refreshToken).not.toBe(before.refreshToken);
    await expect(sut.withCredentials(provider(), ORG, me)).resolves.toMatchObject({ id: 'user-1' });
  });

  it('should refresh once for concurrent calls in one process', async () => {
    const { sut, connect } = harness();
    connect({ expiresInMs: 1_000 });
    const release = fake.holdTokenAnswers();

    const calls = Array.from({ length: 5 }, () => sut.withCredentials(provider(), ORG, me));
    await fake.tokenRequestsReceived(1);
    release();

    await expect(Promise.all(calls)).resolves.toHaveLength(5);
    expect(fake.tokenRequests).toHaveLength(1);
  });

  it('should refresh once across processes: the second waits for the lock, then reads the refreshed row', async () => {
    const first = harness();
    const second = harness({ auths: first.auths, lock: first.lock });
    const row = first.connect({ expiresInMs: 1_000 });
    const release = fake.holdTokenAnswers();

    const a = first.sut.withCredentials(provider(), ORG, async (c) => c.secrets.accessToken);
    await fake.tokenRequestsReceived(1);
    const waiting = first.lock.someoneWaits();
    const b = second.sut.withCredentials(provider(), ORG, async (c) => c.secrets.accessToken);
    await waiting;
    release();

    const [tokenA, tokenB] = await Promise.all([a, b]);
    expect(tokenB).toBe(tokenA);
    expect(tokenA).toBe(first.stored(row.id).accessToken);
    expect(fake.tokenRequests).toHaveLength(1);
    expect(first.lock.acquisitions).toBe(1);
  });

  it('should answer AUTH_EXPIRED with one refresh and one retry', async () => {
    const { sut, connect } = harness();
    connect({ expiresInMs: 30 * 60_000 });
    fake.expireAccessTokens();
    const call = jest.fn(me);

    await expect(sut.withCredentials(provider(), ORG, call)).resolves.toMatchObject({ id: 'user-1' });
    expect(call).toHaveBeenCalledTimes(2);
    expect(fake.tokenRequests).toHaveLength(1);
  });

  it('should retry only once when the refreshed token is rejected too', async () => {
    const { sut, connect } = harness();
    connect({ expiresInMs: 30 * 60_000 });
    const call = jest.fn().mockRejectedValue(new ConnectorError('AUTH_EXPIRED', 'acme: provider answered 401'));

    await expect(sut.withCredentials(provider(), ORG, call)).rejects.toMatchObject({ category: 'AUTH_EXPIRED' });
    expect(call).toHaveBeenCalledTimes(2);
    expect(fake.tokenRequests).toHaveLength(1);
  });

  it('should mark the connection REAUTH_REQUIRED on invalid_grant and say how to reconnect', async () => {
    const { sut, connect, auths } = harness();
    const row = connect({ expiresInMs: 1_000 });
    fake.revokeGrants();

    const failure = sut.withCredentials(provider(), ORG, me);

    await expect(failure).rejects.toMatchObject({ category: 'REAUTH_REQUIRED', statusCode: 424, retryable: false });
    await expect(failure).rejects.toThrow('reconnect acme: GET /v1/connectors/acme/oauth/start');
    expect(auths.rows.get(row.id)!.status).toBe('REAUTH_REQUIRED');
    await expect(sut.withCredentials(provider(), ORG, me)).rejects.toMatchObject({ category: 'REAUTH_REQUIRED' });
    expect(fake.tokenRequests).toHaveLength(1);
  });

  it('should mark REAUTH_REQUIRED when a rejected token has no refresh token to renew it', async () => {
    const { sut, connect, auths } = harness();
    const row = connect({ expiresInMs: 30 * 60_000, secrets: { accessToken: 'at_long_gone_token' } });

    await expect(sut.withCredentials(provider(), ORG, me)).rejects.toThrow(/no refresh token.*reconnect acme/);
    expect(auths.rows.get(row.id)!.status).toBe('REAUTH_REQUIRED');
    expect(fake.tokenRequests).toEqual([]);
  });

  it('should never talk to the token endpoint in mock mode', async () => {
    const { sut, connect } = harness();
    connect({ expiresInMs: -60_000, secrets: { accessToken: 'at_stored', refreshToken: 'rt_stored' } });

    await expect(sut.withCredentials(provider('mock'), ORG, async (c) => c.secrets.accessToken)).resolves.toBe('at_stored');
    expect(fake.tokenRequests).toEqual([]);
  });

  it("should refuse a ciphertext copied into another organization's row, without revealing anything", async () => {
    const { sut, connect } = harness();
    connect({ expiresInMs: 30 * 60_000, secrets: { accessToken: 'at_victims_token_123456' }, organizationId: 'org-b' });
    const call = jest.fn();

    const failure = sut.withCredentials(provider(), 'org-b', call);

    await expect(failure).rejects.toMatchObject({ category: 'REAUTH_REQUIRED', statusCode: 424 });
    await expect(failure).rejects.toThrow('its stored credentials cannot be decrypted for this organization');
    await expect(failure).rejects.not.toThrow(/at_victims|v1\./);
    expect(call).not.toHaveBeenCalled();
  });

  it.each(['real', 'mock'] as const)('should refuse a %s call without a connection, like the provider would', async (mode) => {
    const { sut } = harness();
    const call = jest.fn();

    await expect(sut.withCredentials(provider(mode), ORG, call)).rejects.toMatchObject({ category: 'NOT_CONNECTED', statusCode: 424, message: 'connector acme is not connected for this organization' });
    expect(call).not.toHaveBeenCalled();
  });
});
