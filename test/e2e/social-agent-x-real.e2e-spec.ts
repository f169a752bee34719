import { loadConfig } from '../../src/config/app-config';
import { xManifest } from '../../src/modules/connectors/providers/x/manifest';
import { ConnectionsService } from '../../src/modules/connectors/vault/connections.service';
import { createTestApp, type TestApp } from '../support/app';
import { X_FAKE_POST, X_FAKE_TOKEN, XFake } from '../support/fakes/x-fake';
import { DisposableRedis } from '../support/redis-server';
import { TEST_ENCRYPTION_KEYS, type ServiceProcess } from '../support/service-process';
import { postsOf, socialClient } from '../support/social-e2e';
import { startTestWorker } from '../support/worker-process';

/**
 * The social agent with X in real mode against a local X API (the other networks stay mocks): the
 * post approved is the post X receives, over HTTP with the connection's token, and the post's row
 * carries the id X answered.
 */
describe('The social agents with X in real mode (local X API)', () => {
  const x = new XFake();
  let redis: DisposableRedis;
  let api: TestApp;
  const workers: ServiceProcess[] = [];
  const sut = socialClient(() => api);

  beforeAll(async () => {
    const xUrl = await x.start();
    redis = await DisposableRedis.create();
    await redis.start();
    const base = loadConfig();
    api = await createTestApp({
      redisUrl: redis.url,
      encryptionKeys: TEST_ENCRYPTION_KEYS,
      runs: { ...base.runs, rateLimitPerMinute: 100_000 },
      connectors: { ...base.connectors, modes: { x: 'real' }, baseUrls: { x: xUrl } },
    });
    // As the OAuth callback stores a user's grant: X's token, sealed by the vault for the organization.
    await api.app.get(ConnectionsService).save(api.organizationId, xManifest, 'default', { secrets: { accessToken: X_FAKE_TOKEN }, scopes: xManifest.scopes }, 'connector.oauth.connected');
    await startTestWorker(
      {
        DATABASE_URL: api.db.url,
        REDIS_URL: redis.url,
        DATABASE_POOL_SIZE: '3',
        USE_MOCK_CONNECTORS: 'true',
        CONNECTOR_X_MODE: 'real',
        CONNECTOR_X_BASE_URL: xUrl,
        RUN_RATE_LIMIT_PER_MINUTE: '100000',
        NEONHUB_ENCRYPTION_KEYS: TEST_ENCRYPTION_KEYS,
      },
      workers,
    );
    await sut.configure();
  }, 60_000);

  afterAll(async () => {
    await Promise.all(workers.map((w) => w.stop()));
    await api?.close();
    await redis?.stop();
    await x.stop();
  });

  it('should publish the approved post on X, and record the id and URL X answered', async () => {
    const { id } = (await sut.compose({ brief: 'Spring linen: lighter shirts, made to last', networks: ['x'] }).expect(202)).body;
    await sut.untilStatus(id, ['AWAITING_APPROVAL']);
    const approval = await sut.approvalOf(id);
    expect(x.requests).toEqual([]);

    await sut.decide(id, approval.id, { decision: 'approve', edits: { posts: { x: 'Spring linen is here: lighter shirts, made to last.' } } });
    const [post] = postsOf(await sut.untilStatus(id, ['COMPLETED']));
    const publication = await sut.untilStatus(post.publishRunId!, ['COMPLETED']);

    const expectedId = String(BigInt(X_FAKE_POST) + 1n);
    expect(x.requests.map((r) => [r.method, r.path, r.headers.authorization])).toEqual([['POST', '/2/tweets', `Bearer ${X_FAKE_TOKEN}`]]);
    expect(JSON.parse(x.requests[0].rawBody)).toEqual({ text: 'Spring linen is here: lighter shirts, made to last.' });
    expect(publication.output).toMatchObject({ status: 'PUBLISHED', externalId: expectedId });
    expect(publication.toolExecutions.map((s) => `${s.tool}.${s.action}:${s.status}`)).toEqual(['social_posts.read:SUCCEEDED', 'x.publish_post:SUCCEEDED']);
    expect(await sut.post(post.socialPostId)).toMatchObject({
      network: 'x',
      status: 'PUBLISHED',
      body: 'Spring linen is here: lighter shirts, made to last.',
      externalId: expectedId,
      externalUrl: `https://x.com/i/web/status/${expectedId}`,
    });
    // The mocks saw nothing: X went out for real.
    expect(await sut.outbox()).toEqual([]);
  });

  it("should record X's refusal (a duplicate post) as a FAILED post, sending it once", async () => {
    const text = 'Spring linen is here: lighter shirts, made to last.';
    const before = x.requests.length;
    const { id } = (await sut.compose({ brief: 'Same again', networks: ['x'] }).expect(202)).body;
    await sut.untilStatus(id, ['AWAITING_APPROVAL']);
    await sut.decide(id, (await sut.approvalOf(id)).id, { decision: 'approve', edits: { posts: { x: text } } });
    const [post] = postsOf(await sut.untilStatus(id, ['COMPLETED']));

    const publication = await sut.untilStatus(post.publishRunId!, ['COMPLETED']);

    expect(x.requests.length - before).toBe(1);
    expect(publication.output).toMatchObject({ status: 'FAILED', error: expect.stringContaining('X did not publish it') });
    expect(await sut.post(post.socialPostId)).toMatchObject({ status: 'FAILED', externalId: null, error: expect.stringContaining('duplicate') });
  });
});
