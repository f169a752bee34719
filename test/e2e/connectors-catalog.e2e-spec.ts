import { ConnectorKind } from '../../src/generated/prisma/enums';
import { CONNECTOR_DEFINITIONS } from '../../src/modules/connectors/providers';
import { bearer, createTestApp, TestApp } from '../support/app';
import { connectorOverrides, dumpTable } from '../support/connector-e2e';
import { useE2eApp } from '../support/e2e-context';
import { freePort } from '../support/redis-server';
import { ServiceProcess } from '../support/service-process';
import { createTenant } from '../support/tenants';

const ALL_KEYS = CONNECTOR_DEFINITIONS.map((d) => d.manifest.key).sort();
const REAL_CAPABLE = CONNECTOR_DEFINITIONS.filter((d) => d.manifest.realAvailable).map((d) => d.manifest.key).sort();
/** A local address nothing listens on: binding real mode must not call the provider. */
const UNUSED_PEER = 'http://127.0.0.1:9/api';

describe('Connector catalog and mode binding', () => {
  const sut = useE2eApp({ config: connectorOverrides() });

  const list = async (app: Pick<TestApp, 'http' | 'apiKey'>) => (await app.http.get('/v1/connectors').set(bearer(app.apiKey)).expect(200)).body as Array<Record<string, unknown>>;
  const modes = async (app: Pick<TestApp, 'http' | 'apiKey'>) => Object.fromEntries((await list(app)).map((c) => [c.key, c.mode]));
  /** Another app on the same database (same seeded key), closed after `fn`. */
  async function withApp(overrides: Parameters<typeof connectorOverrides>[0], fn: (app: TestApp) => Promise<void>): Promise<void> {
    const app = await createTestApp(connectorOverrides(overrides), sut.db);
    try {
      await fn(app);
    } finally {
      await app.close();
    }
  }

  it('should bind every connector to its mock in the test environment by default, each connected for the seeded organization', async () => {
    const res = await list(sut);

    expect(res.map((c) => c.key).sort()).toEqual(ALL_KEYS);
    for (const connector of res) expect(connector).toMatchObject({ mode: 'mock', connected: true });
    expect(res.map((c) => c.key).filter((k) => res.find((c) => c.key === k)!.realAvailable).sort()).toEqual(REAL_CAPABLE);
  });

  it('should list each connector with its manifest, mode, real availability and connection state, without actions', async () => {
    const slack = (await list(sut)).find((c) => c.key === 'slack');

    expect(slack).toEqual({
      key: 'slack',
      displayName: 'Slack',
      kind: 'SLACK',
      authType: 'oauth2',
      scopes: ['chat:write', 'channels:read', 'channels:history'],
      rateLimit: { requests: 50, perSeconds: 60 },
      mode: 'mock',
      realAvailable: true,
      connected: true,
    });
    expect((await list(sut)).find((c) => c.key === 'tiktok')).toMatchObject({ mode: 'mock', realAvailable: false });
  });

  it("should show a connector as connected for the organization that stored credentials, and only for it", async () => {
    const [tenant, stranger] = await Promise.all([createTenant(sut.db.url, 'catalog-connected'), createTenant(sut.db.url, 'catalog-stranger')]);
    await sut.http.put('/v1/connectors/stripe/credentials').set(bearer(tenant.apiKey)).send({ secrets: { secretKey: `sk_test_${'x'.repeat(24)}` } }).expect(200);

    const own = (await sut.http.get('/v1/connectors').set(bearer(tenant.apiKey)).expect(200)).body as Array<{ key: string; connected: boolean }>;
    const other = (await sut.http.get('/v1/connectors').set(bearer(stranger.apiKey)).expect(200)).body as Array<{ key: string; connected: boolean }>;

    expect(own.filter((c) => c.connected).map((c) => c.key)).toEqual(['stripe']);
    expect(other.find((c) => c.key === 'stripe')).toMatchObject({ connected: false });
    expect((await sut.http.get('/v1/connectors/stripe').set(bearer(tenant.apiKey)).expect(200)).body).toMatchObject({ mode: 'mock', connected: true });
  });

  it('should bind slack real and every other connector mock when only CONNECTOR_SLACK_MODE says real', async () => {
    await withApp({ modes: { slack: 'real' }, baseUrls: { slack: UNUSED_PEER } }, async (app) => {
      const bound = await modes(app);

      expect(bound.slack).toBe('real');
      expect(Object.entries(bound).filter(([key]) => key !== 'slack').every(([, mode]) => mode === 'mock')).toBe(true);
      expect(Object.keys(bound).sort()).toEqual(ALL_KEYS);
      expect((await app.http.get('/health').expect(200)).body.mockConnectors).not.toContain('slack');
    });
  });

  describe('asked to run a mock-only connector real', () => {
    const started: ServiceProcess[] = [];
    afterEach(async () => {
      await Promise.all(started.splice(0).map((p) => p.stop()));
    });
    /** The production build as operators start it: the registry binds at boot, before any request. */
    async function boot(): Promise<ServiceProcess> {
      const child = ServiceProcess.start({ CONNECTOR_TIKTOK_MODE: 'real', DATABASE_URL: sut.db.url, REDIS_URL: 'redis://127.0.0.1:1', PORT: String(await freePort()) });
      started.push(child);
      return child;
    }

    it('should fail app creation with a configuration error naming CONNECTOR_TIKTOK_MODE', async () => {
      await expect(createTestApp(connectorOverrides({ modes: { tiktok: 'real' } }), sut.db)).rejects.toThrow(
        'Invalid configuration: connector tiktok has no real implementation yet; set CONNECTOR_TIKTOK_MODE=mock or disabled',
      );
    });

    it('should refuse to start, exit 1 and name CONNECTOR_TIKTOK_MODE', async () => {
      const sut = await boot();

      expect((await sut.exited).code).toBe(1);
      expect(sut.stderr).toContain('Invalid configuration: connector tiktok has no real implementation yet; set CONNECTOR_TIKTOK_MODE=mock or disabled');
    }, 30_000);

    // bootstrap.ts promises one line and no stack trace for a bad configuration: a binding error
    // thrown inside NestFactory.create would be logged by Nest's exception zone, stack and all.
    it('should say so in one line without a stack trace, like every other configuration error', async () => {
      const sut = await boot();
      await sut.exited;

      expect(sut.stderr.trim().split('\n')).toEqual([expect.stringContaining('CONNECTOR_TIKTOK_MODE=mock or disabled')]);
      expect(sut.stderr).not.toMatch(/\bat \S+ \(/);
    }, 30_000);
  });

  it('should bind real-capable connectors real and leave mock-only ones out when USE_MOCK_CONNECTORS=false', async () => {
    await withApp({ useMock: false }, async (app) => {
      const bound = await modes(app);

      expect(Object.keys(bound).sort()).toEqual(REAL_CAPABLE);
      expect(Object.values(bound).every((mode) => mode === 'real')).toBe(true);
      expect((await app.http.get('/health').expect(200)).body.mockConnectors).toEqual([]);
      await app.http.get('/v1/connectors/tiktok').set(bearer(app.apiKey)).expect(404);
      await app.http.get('/v1/connectors/mock/outbox').set(bearer(app.apiKey)).expect(404);
    });
  });

  it('should disable one connector when its mode says so', async () => {
    await withApp({ modes: { discord: 'disabled' } }, async (app) => {
      expect(Object.keys(await modes(app))).not.toContain('discord');
      await app.http.post('/v1/connectors/discord/actions/send_message').set(bearer(app.apiKey)).send({}).expect(404);
    });
  });

  it('should show the credential fields a connector needs, or that it connects with OAuth2', async () => {
    const stripe = (await sut.http.get('/v1/connectors/stripe').set(bearer(sut.apiKey)).expect(200)).body;
    const shopify = (await sut.http.get('/v1/connectors/shopify').set(bearer(sut.apiKey)).expect(200)).body;
    const slack = (await sut.http.get('/v1/connectors/slack').set(bearer(sut.apiKey)).expect(200)).body;

    expect(stripe.credentials).toEqual({ secretFields: ['secretKey'], metadataFields: [], connectWith: 'credentials' });
    expect(shopify.credentials).toEqual({ secretFields: ['accessToken'], metadataFields: ['shopDomain'], connectWith: 'credentials' });
    expect(slack.credentials).toEqual({ secretFields: [], metadataFields: [], connectWith: 'oauth2' });
  });

  it('should show one connector with its actions and their input JSON schemas', async () => {
    const res = await sut.http.get('/v1/connectors/slack').set(bearer(sut.apiKey)).expect(200);

    expect(res.body).toMatchObject({ key: 'slack', mode: 'mock', connected: true });
    expect(res.body.actions.map((a: { name: string }) => a.name)).toEqual(['send_message', 'list_channels', 'list_recent_messages']);
    const send = res.body.actions[0];
    expect(send).toMatchObject({ effect: 'write', outputExample: { channel: 'C024BE91L', ts: '1712345678.000100' } });
    expect(send.inputSchema).toMatchObject({
      type: 'object',
      properties: {
        channel: { type: 'string', pattern: expect.any(String) },
        text: { type: 'string', minLength: 1, maxLength: 40_000 },
        threadTs: { pattern: expect.any(String) },
        unfurlLinks: { type: 'boolean' },
      },
      required: expect.arrayContaining(['channel', 'text']),
    });
    expect(send.inputSchema.required).not.toContain('threadTs');
  });

  it('should answer 404 for an unknown connector, its actions and an unauthenticated caller 401', async () => {
    const res = await sut.http.get('/v1/connectors/myspace').set(bearer(sut.apiKey)).expect(404);

    expect(res.body).toEqual({ statusCode: 404, error: 'Not Found', message: 'connector myspace not found', requestId: expect.any(String) });
    await sut.http.post('/v1/connectors/myspace/actions/post').set(bearer(sut.apiKey)).send({}).expect(404);
    await sut.http.get('/v1/connectors').expect(401);
  });

  it('should keep every catalog provider in the Connector table, covering every ConnectorKind', async () => {
    const rows = (await dumpTable(sut.db.url, 'connectors')).split('\n').map((line) => JSON.parse(line) as { key: string; kind: string; auth_type: string });

    expect(rows.map((r) => r.key).sort()).toEqual(ALL_KEYS);
    expect([...new Set(rows.map((r) => r.kind))].sort()).toEqual(Object.values(ConnectorKind).sort());
    expect(rows.find((r) => r.key === 'smtp')).toMatchObject({ kind: 'EMAIL', auth_type: 'smtp' });
  });

  it('should report the connectors running in mock mode on /health', async () => {
    const res = await sut.http.get('/health').expect(200);

    expect([...res.body.mockConnectors].sort()).toEqual(ALL_KEYS);
  });
});
