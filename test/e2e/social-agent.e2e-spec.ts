import { Queue } from 'bullmq';
import { Client } from 'pg';
import { loadConfig } from '../../src/config/app-config';
import { redisOptionsFromUrl } from '../../src/infra/queue/redis-connection';
import { RUN_QUEUES } from '../../src/modules/agents/agent-queues';
import { runJobId } from '../../src/modules/orchestration/queue/run-job';
import { bearer, createTestApp, type TestApp } from '../support/app';
import { DisposableRedis } from '../support/redis-server';
import { TEST_ENCRYPTION_KEYS, type ServiceProcess } from '../support/service-process';
import { byNetwork, JPEG, postsOf, SOCIAL_SETTINGS, socialClient } from '../support/social-e2e';
import { startTestWorker } from '../support/worker-process';
import { createTenant } from '../support/tenants';
import { queuePrefix } from '../../src/infra/redis/redis-keys';

const BRIEF = 'Announce the spring linen collection: lighter shirts, made to last, free shipping until Sunday';

/**
 * The social agent on the mock networks and the offline model, with the API and a worker as
 * separate processes: compose, one approval for every post, one publish run per approved post
 * (on social.publish), the rows they write, and the metrics read back.
 */
describe('The social agents (mock networks, offline model, API and worker processes)', () => {
  let redis: DisposableRedis;
  let api: TestApp;
  let sql: Client;
  const workers: ServiceProcess[] = [];
  const sut = socialClient(() => api);

  beforeAll(async () => {
    redis = await DisposableRedis.create();
    await redis.start();
    // Every publication is a run submitted as the caller: the per-user run limit is not under test.
    api = await createTestApp({ redisUrl: redis.url, encryptionKeys: TEST_ENCRYPTION_KEYS, runs: { ...loadConfig().runs, rateLimitPerMinute: 100_000 } });
    sql = new Client({ connectionString: api.db.url });
    await sql.connect();
    await startTestWorker(
      { DATABASE_URL: api.db.url, REDIS_URL: redis.url, DATABASE_POOL_SIZE: '3', USE_MOCK_CONNECTORS: 'true', RUN_RATE_LIMIT_PER_MINUTE: '100000', NEONHUB_ENCRYPTION_KEYS: TEST_ENCRYPTION_KEYS },
      workers,
    );
    await sut.configure();
  }, 60_000);

  afterAll(async () => {
    await sql?.end();
    await Promise.all(workers.map((w) => w.stop()));
    await api?.close();
    await redis?.stop();
  });

  beforeEach(async () => {
    await sut.clearOutbox();
  });

  const composeAndWait = async (input: object) => {
    const { id } = (await sut.compose({ brief: BRIEF, ...input }).expect(202)).body;
    await sut.untilStatus(id, ['AWAITING_APPROVAL']);
    return { id, approval: await sut.approvalOf(id) };
  };
  const rowsOf = async (runId: string) => (await sql.query<{ network: string; status: string; body: string; error: string | null }>('SELECT network, status, body, error FROM social_posts WHERE run_id = $1 ORDER BY network::text', [runId])).rows;

  it('should compose a post per network in the brand voice, write nothing while waiting, and publish one per network once approved', async () => {
    const brandId = (await sql.query("SELECT id FROM brands WHERE organization_id = $1 AND name = 'Northwind Coffee'", [api.organizationId])).rows[0].id as string;
    const { id, approval } = await composeAndWait({ networks: ['x', 'linkedin', 'instagram'], mediaUrl: JPEG, brandId });

    const payload = approval.payload as { posts: Record<string, string>; socialPostIds: Record<string, string> };
    expect(approval.title).toMatch(/^Publish on X, LinkedIn and Instagram: "Announce the spring linen/);
    expect(Object.keys(payload.posts)).toEqual(['x', 'linkedin', 'instagram']);
    expect(await rowsOf(id)).toEqual([]);
    expect(await sut.outbox()).toEqual([]);

    await sut.decide(id, approval.id, { decision: 'approve' });
    const done = await sut.untilStatus(id, ['COMPLETED']);
    expect(done.toolExecutions.map((s) => `${s.tool}.${s.action}`)).toEqual(['agent_config.read', 'brand.voice', 'llm.generate', 'approval.request', 'runs.start', 'runs.start', 'runs.start']);
    expect(done.toolExecutions[2].input.system).toContain('Write as Northwind Coffee');
    expect(done.toolExecutions[2].input.system).toContain('- x: at most 280 weighted characters');
    const posts = byNetwork(postsOf(done));
    expect(Object.values(posts).map((p) => p.status)).toEqual(['SCHEDULED', 'SCHEDULED', 'SCHEDULED']);

    const publications = await sut.publications(Object.values(posts));
    expect(publications.map((r) => [r.parentRunId, (r.output as { status: string }).status])).toEqual([[id, 'PUBLISHED'], [id, 'PUBLISHED'], [id, 'PUBLISHED']]);
    // Each stage on its own queue: the backlog of approved posts is social.publish's depth.
    const [compose, publish] = [new Queue(RUN_QUEUES.socialCompose, { connection: redisOptionsFromUrl(redis.url), prefix: queuePrefix(RUN_QUEUES.socialCompose) }), new Queue(RUN_QUEUES.socialPublish, { connection: redisOptionsFromUrl(redis.url), prefix: queuePrefix(RUN_QUEUES.socialPublish) })];
    try {
      expect(await (await compose.getJob(runJobId(id, 0)))?.getState()).toBe('completed');
      for (const publication of publications) expect(await (await publish.getJob(runJobId(publication.id, 0)))?.getState()).toBe('completed');
    } finally {
      await Promise.all([compose.close(), publish.close()]);
    }
    const sent = byNetwork((await sut.outbox()).map((e) => ({ ...e, network: e.connector })));
    expect(Object.keys(sent).sort()).toEqual(['instagram', 'linkedin', 'x']);
    expect(sent.x).toMatchObject({ action: 'publish_post', input: { text: payload.posts.x } });
    expect(sent.linkedin).toMatchObject({ action: 'publish_post', input: { author: SOCIAL_SETTINGS.linkedinAuthor, commentary: payload.posts.linkedin, visibility: 'PUBLIC' } });
    expect(sent.instagram).toMatchObject({ action: 'publish_image', input: { imageUrl: JPEG, caption: payload.posts.instagram } });

    for (const network of ['x', 'linkedin', 'instagram']) {
      const row = await sut.post(payload.socialPostIds[network]);
      expect(row).toMatchObject({ network, status: 'PUBLISHED', body: payload.posts[network], externalId: sent[network].output.id, runId: id, error: null, publishedAt: expect.any(String) });
    }
    expect((await sut.post(payload.socialPostIds.x)).externalUrl).toBe(sent.x.output.url);
    expect((await sut.post(payload.socialPostIds.instagram)).externalUrl).toBe(sent.instagram.output.permalink);
  });

  it("should publish the reviewer's edit instead of the draft", async () => {
    const { id, approval } = await composeAndWait({ networks: ['x', 'linkedin'] });
    const drafted = (approval.payload as { posts: Record<string, string> }).posts;

    await sut.decide(id, approval.id, { decision: 'approve', edits: { posts: { x: 'Spring linen is here. Lighter, made to last.' } } });
    const posts = byNetwork(postsOf(await sut.untilStatus(id, ['COMPLETED'])));
    await sut.publications(Object.values(posts));

    const sent = await sut.outbox();
    expect(sent.find((e) => e.connector === 'x')?.input.text).toBe('Spring linen is here. Lighter, made to last.');
    expect(sent.find((e) => e.connector === 'linkedin')?.input.commentary).toBe(drafted.linkedin);
    expect(await sut.post(posts.x.socialPostId)).toMatchObject({ status: 'PUBLISHED', body: 'Spring linen is here. Lighter, made to last.' });
  });

  it("should fail only X when an edit breaks X's length, and publish the others", async () => {
    const { id, approval } = await composeAndWait({ networks: ['x', 'linkedin'] });

    await sut.decide(id, approval.id, { decision: 'approve', edits: { posts: { x: 'linen '.repeat(60) } } });
    const posts = byNetwork(postsOf(await sut.untilStatus(id, ['COMPLETED'])));
    await sut.publications(Object.values(posts));

    expect(posts.x).toMatchObject({ status: 'FAILED', problems: ['X allows 280 weighted characters in the text; it has 360'] });
    expect(posts.x.publishRunId).toBeUndefined();
    expect((await sut.outbox()).map((e) => e.connector)).toEqual(['linkedin']);
    expect(await sut.post(posts.x.socialPostId)).toMatchObject({ status: 'FAILED', error: 'X allows 280 weighted characters in the text; it has 360' });
    expect(await sut.post(posts.linkedin.socialPostId)).toMatchObject({ status: 'PUBLISHED' });
  });

  it('should publish nothing when the reviewer rejects, and mark every post REJECTED', async () => {
    const { id, approval } = await composeAndWait({ networks: ['x', 'linkedin'] });

    await sut.decide(id, approval.id, { decision: 'reject', comment: 'off brand' });
    const done = await sut.untilStatus(id, ['COMPLETED']);

    expect(done.output).toMatchObject({ decision: 'rejected', comment: 'off brand' });
    expect((await rowsOf(id)).map((r) => [r.network, r.status])).toEqual([['LINKEDIN', 'REJECTED'], ['X', 'REJECTED']]);
    expect(await sut.outbox()).toEqual([]);
    expect(Number((await sql.query('SELECT count(*) AS n FROM agent_runs WHERE parent_run_id = $1', [id])).rows[0].n)).toBe(0);
  });

  it('should publish nothing when nobody reviews in time', async () => {
    const { id } = await composeAndWait({ networks: ['x'], approvalExpiresInMs: 1_500 });

    const done = await sut.untilStatus(id, ['COMPLETED']);

    expect(done.output).toMatchObject({ decision: 'expired', reviewer: null, posts: [expect.objectContaining({ network: 'x', status: 'REJECTED' })] });
    expect((await rowsOf(id)).map((r) => r.status)).toEqual(['REJECTED']);
    expect(await sut.outbox()).toEqual([]);
  });

  it('should publish without a review when the configuration lets posts go out unreviewed', async () => {
    await sut.configure({ settings: SOCIAL_SETTINGS, approvalPolicies: { 'social.publish': { mode: 'never' } } });
    try {
      // Nothing to wait for: the API runs it to the end itself.
      const res = await api.http.post('/v1/runs').set(bearer(api.apiKey)).send({ agent: 'social', input: { brief: BRIEF, networks: ['x'] } }).expect(201);

      expect(res.body.output).toMatchObject({ decision: 'not_required', posts: [expect.objectContaining({ network: 'x', status: 'SCHEDULED' })] });
      expect(res.body.toolExecutions.map((s: { tool: string }) => s.tool)).not.toContain('approval');
      await sut.publications(postsOf(res.body));
      expect((await sut.outbox()).map((e) => e.input.text)).toEqual([postsOf(res.body)[0].text]);
    } finally {
      await sut.configure();
    }
  });

  it('should hold the publication until publishAt (QUEUED with wakeAt), publish what a person changed meanwhile, then refuse changes', async () => {
    // Far enough ahead that the review and the change below happen before it, however slow the machine.
    const publishAt = new Date(Date.now() + 12_000).toISOString();
    const { id, approval } = await composeAndWait({ networks: ['x'], publishAt });
    await sut.decide(id, approval.id, { decision: 'approve' });
    const [x] = postsOf(await sut.untilStatus(id, ['COMPLETED']));

    const waiting = await sut.run(x.publishRunId!);
    expect(waiting).toMatchObject({ status: 'QUEUED', wakeAt: publishAt, parentRunId: id });
    expect(await sut.post(x.socialPostId)).toMatchObject({ status: 'SCHEDULED', publishAt, externalId: null });
    const tooLong = await api.http.patch(`/v1/social-posts/${x.socialPostId}`).set(bearer(api.apiKey)).send({ body: 'a'.repeat(281) }).expect(400);
    expect(tooLong.body.message).toBe("invalid request: the post breaks X's rules: X allows 280 weighted characters in the text; it has 281");
    await api.http.patch(`/v1/social-posts/${x.socialPostId}`).set(bearer(api.apiKey)).send({ body: 'Changed while scheduled.' }).expect(200);
    expect(await sut.outbox()).toEqual([]);

    await sut.untilStatus(x.publishRunId!, ['COMPLETED']);

    expect((await sut.outbox()).map((e) => e.input.text)).toEqual(['Changed while scheduled.']);
    const published = await sut.post(x.socialPostId);
    expect(published).toMatchObject({ status: 'PUBLISHED', body: 'Changed while scheduled.' });
    expect(new Date(published.publishedAt as string).getTime()).toBeGreaterThanOrEqual(new Date(publishAt).getTime());
    const late = await api.http.patch(`/v1/social-posts/${x.socialPostId}`).set(bearer(api.apiKey)).send({ body: 'Too late.' }).expect(409);
    expect(late.body.message).toContain('is PUBLISHED');
  }, 60_000);

  it("should set a YouTube video's title and description, a later post of the same video taking it over", async () => {
    const publishVideo = async () => {
      const { id, approval } = await composeAndWait({ networks: ['youtube'], youtubeVideoId: 'dQw4w9WgXcQ' });
      await sut.decide(id, approval.id, { decision: 'approve' });
      const posts = postsOf(await sut.untilStatus(id, ['COMPLETED']));
      await sut.publications(posts);
      return { post: posts[0], payload: approval.payload as { posts: { youtube: string }; titles: { youtube: string } } };
    };

    const first = await publishVideo();
    const second = await publishVideo();

    const updates = (await sut.outbox()).filter((e) => e.connector === 'youtube');
    expect(updates.map((e) => e.input)).toEqual([
      { videoId: 'dQw4w9WgXcQ', title: first.payload.titles.youtube, description: first.payload.posts.youtube },
      { videoId: 'dQw4w9WgXcQ', title: second.payload.titles.youtube, description: second.payload.posts.youtube },
    ]);
    expect(await sut.post(second.post.socialPostId)).toMatchObject({ status: 'PUBLISHED', externalId: 'dQw4w9WgXcQ', externalUrl: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ', title: second.payload.titles.youtube });
    expect(await sut.post(first.post.socialPostId)).toMatchObject({ status: 'PUBLISHED', externalId: null, error: expect.stringContaining(`superseded by social post ${second.post.socialPostId}`) });
  });

  it('should refuse Instagram without an image with 400, before any run exists', async () => {
    const runs = async () => Number((await sql.query('SELECT count(*) AS n FROM agent_runs')).rows[0].n);
    const before = await runs();

    const res = await sut.compose({ brief: BRIEF, networks: ['instagram', 'x'] }).expect(400);

    expect(res.body.message).toBe('invalid input for agent social: input.mediaUrl: Instagram needs an image URL (for Instagram)');
    expect(await runs()).toBe(before);
    await api.http.post('/v1/runs').set(bearer(api.apiKey)).send({ agent: 'social-publish', input: {} }).expect(400);
  });

  it("should record a network's failure as a FAILED post, and publish the others", async () => {
    await api.http.put('/v1/connectors/mock/failures').set(bearer(api.apiKey)).send({ rules: [{ connector: 'linkedin', action: 'publish_post', failure: 'PROVIDER_ERROR', times: 1 }] }).expect(200);
    try {
      const { id, approval } = await composeAndWait({ networks: ['x', 'linkedin'] });
      await sut.decide(id, approval.id, { decision: 'approve' });
      const posts = byNetwork(postsOf(await sut.untilStatus(id, ['COMPLETED'])));
      const [, linkedin] = await sut.publications([posts.x, posts.linkedin]);

      expect(linkedin.output).toMatchObject({ status: 'FAILED', error: expect.stringContaining('LinkedIn did not publish it: linkedin (mock): provider answered 503') });
      expect(await sut.post(posts.linkedin.socialPostId)).toMatchObject({ status: 'FAILED', externalId: null, error: expect.stringContaining('provider answered 503') });
      expect(await sut.post(posts.x.socialPostId)).toMatchObject({ status: 'PUBLISHED' });
      expect((await sut.outbox()).map((e) => e.connector)).toEqual(['x']);
    } finally {
      await api.http.delete('/v1/connectors/mock/failures').set(bearer(api.apiKey)).expect(204);
    }
  });

  it('should read the metrics back into the posts and their campaign, adding only what moved', async () => {
    const campaignId = (await sql.query("INSERT INTO campaigns (organization_id, name, goal, updated_at) VALUES ($1, 'Spring linen', 'awareness', now()) RETURNING id", [api.organizationId])).rows[0].id as string;
    const { id, approval } = await composeAndWait({ networks: ['x', 'linkedin', 'instagram'], mediaUrl: JPEG, campaignId });
    await sut.decide(id, approval.id, { decision: 'approve' });
    const posts = postsOf(await sut.untilStatus(id, ['COMPLETED']));
    await sut.publications(posts);
    const sync = () => api.http.post('/v1/runs').set(bearer(api.apiKey)).send({ agent: 'social-sync', input: { days: 1 } }).expect(201);
    const totals = async () =>
      (await sql.query<{ subject_id: string; kind: string; total: number }>("SELECT subject_id, kind, sum(value)::float AS total FROM campaign_metrics WHERE campaign_id = $1 AND channel = 'social' AND subject_type = 'social_post' GROUP BY 1, 2", [campaignId])).rows;

    const first = (await sync()).body;
    const second = (await sync()).body;

    expect(first).toMatchObject({ status: 'COMPLETED', output: { skipped: [] } });
    expect(second.status).toBe('COMPLETED');
    const sums = await totals();
    for (const post of posts) {
      const row = await sut.post(post.socialPostId);
      const metrics = row.metrics as Record<string, number>;
      expect(metrics).toMatchObject({ impressions: expect.any(Number), likes: expect.any(Number), comments: expect.any(Number), shares: expect.any(Number), engagement: expect.any(Number) });
      expect(row.metricsSyncedAt).toEqual(expect.any(String));
      // The rows of two syncs add up to the latest counts.
      for (const kind of ['impressions', 'likes', 'comments', 'shares', 'engagement']) {
        const sum = sums.find((s) => s.subject_id === post.socialPostId && s.kind === kind)?.total ?? 0;
        expect([post.network, kind, sum]).toEqual([post.network, kind, metrics[kind]]);
      }
    }
  });

  it('should create the hourly sync schedule once, however often and concurrently asked', async () => {
    const [a, b] = await Promise.all([1, 2].map(() => api.http.post('/v1/social-posts/sync-schedule').set(bearer(api.apiKey))));
    const again = await api.http.post('/v1/social-posts/sync-schedule').set(bearer(api.apiKey)).expect(200);

    expect([a.status, b.status].sort()).toEqual([200, 201]);
    expect(a.body.id).toBe(b.body.id);
    expect(again.body).toMatchObject({ id: a.body.id, agent: 'social-sync', cron: expect.stringMatching(/^\d{1,2} \* \* \* \*$/), timezone: 'UTC', enabled: true, input: { days: 7 } });
    const schedules = (await api.http.get('/v1/schedules?limit=100').set(bearer(api.apiKey)).expect(200)).body.items.filter((s: { agent: string }) => s.agent === 'social-sync');
    expect(schedules).toHaveLength(1);
  });

  it("should list posts newest first with filters and a cursor, and answer 404 for another organization's post", async () => {
    const first = (await api.http.get('/v1/social-posts?network=x&limit=1').set(bearer(api.apiKey)).expect(200)).body;
    const next = (await api.http.get(`/v1/social-posts?network=x&limit=1&cursor=${first.nextCursor}`).set(bearer(api.apiKey)).expect(200)).body;
    const published = (await api.http.get('/v1/social-posts?status=published&limit=100').set(bearer(api.apiKey)).expect(200)).body;

    expect(first.items).toHaveLength(1);
    expect(next.items[0].id).not.toBe(first.items[0].id);
    expect(new Date(next.items[0].createdAt).getTime()).toBeLessThanOrEqual(new Date(first.items[0].createdAt).getTime());
    expect([...first.items, ...next.items].every((p: { network: string }) => p.network === 'x')).toBe(true);
    expect(published.items.length).toBeGreaterThan(0);
    expect(published.items.every((p: { status: string }) => p.status === 'PUBLISHED')).toBe(true);
    await api.http.get('/v1/social-posts?status=lost').set(bearer(api.apiKey)).expect(400);
    const other = await createTenant(sql, `social-${Date.now()}`);
    await api.http.get(`/v1/social-posts/${first.items[0].id}`).set(bearer(other.apiKey)).expect(404);
    await api.http.patch(`/v1/social-posts/${first.items[0].id}`).set(bearer(other.apiKey)).send({ body: 'mine now' }).expect(404);
  });

  it("should fail the run, publishing nothing, for another organization's campaign", async () => {
    const other = await createTenant(sql, `campaign-${Date.now()}`);
    const campaignId = (await sql.query("INSERT INTO campaigns (organization_id, name, goal, updated_at) VALUES ($1, 'Theirs', 'x', now()) RETURNING id", [other.organizationId])).rows[0].id as string;

    const { id } = (await sut.compose({ brief: BRIEF, networks: ['x'], campaignId }).expect(202)).body;
    const failed = await sut.untilStatus(id, ['FAILED']);

    expect(failed.error).toMatchObject({ class: 'NotFoundError', message: `campaign ${campaignId} not found` });
    expect(await rowsOf(id)).toEqual([]);
  });
});
