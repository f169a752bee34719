import { randomUUID } from 'node:crypto';
import { bearer } from '../support/app';
import { connectMocks, connectorOverrides } from '../support/connector-e2e';
import { useE2eApp } from '../support/e2e-context';
import { OpenApiResponseValidator } from '../support/openapi-validator';
import type { Tenant } from '../support/tenants';

interface Step {
  tool: string;
  action: string;
  status: string;
  input: Record<string, unknown>;
  output: Record<string, unknown>;
}
interface Source {
  network: string;
  id: string;
  url: string;
  text: string;
  metrics: Record<string, number>;
}
interface Insight {
  id: string;
  topic: string;
  score: number;
  networks: string[];
  summary: string;
  sources: Source[];
  runId: string;
}

/** The trends agent on the mock Reddit, X and YouTube and the offline model, and the insights API. */
describe('The trends agent', () => {
  const sut = useE2eApp({ config: connectorOverrides() });
  let validator: OpenApiResponseValidator;
  beforeAll(async () => {
    validator = new OpenApiResponseValidator((await sut.http.get('/docs-json').expect(200)).body);
  });

  const tenant = async () => {
    const created = await sut.tenant('trends');
    await connectMocks(sut, created.organizationId);
    return created;
  };
  const runTrends = (who: Tenant, input: object) => sut.http.post('/v1/runs').set(bearer(who.apiKey)).send({ agent: 'trends', input });
  const insightsOf = async (who: Tenant) => {
    const res = await sut.http.get('/v1/insights?limit=100').set(bearer(who.apiKey)).expect(200);
    expect(validator.errors('GET', '/v1/insights', 200, res.body)).toBeNull();
    return res.body.items as Insight[];
  };
  const setFailures = (who: Tenant, rules: object[]) => sut.http.put('/v1/connectors/mock/failures').set(bearer(who.apiKey)).send({ rules }).expect(200);
  /** Every post and video the run read, by network and id, with the figures the network gave. */
  const readPosts = (steps: Step[]) => {
    const posts = new Map<string, Record<string, unknown>>();
    for (const step of steps.filter((s) => s.status === 'SUCCEEDED')) {
      const listed = (step.output.posts ?? step.output.videos ?? []) as Array<Record<string, unknown>>;
      for (const post of listed) posts.set(`${step.tool}:${String(post.id)}`, post);
      if (step.action === 'get_video_metrics') posts.set(`youtube:${String(step.output.id)}`, { ...posts.get(`youtube:${String(step.output.id)}`), ...step.output });
    }
    return posts;
  };

  it('should keep the top trends as insights citing the posts they rest on, read from every network', async () => {
    const who = await tenant();

    const res = await runTrends(who, {}).expect(201);

    expect(res.body).toMatchObject({ status: 'COMPLETED', error: null });
    const steps = res.body.toolExecutions as Step[];
    const output = res.body.output as { insights: Array<{ id: string; topic: string; score: number; sources: number }>; networks: { read: string[]; skipped: unknown[] }; items: number };
    const names = steps.map((s) => `${s.tool}.${s.action}`);
    expect(names.slice(0, 4)).toEqual(['agent_config.read', 'reddit.list_recent_posts', 'x.list_recent_posts', 'youtube.list_recent_videos']);
    const videos = (steps[3].output.videos as unknown[]).length;
    expect(names.slice(4)).toEqual([...Array(videos).fill('youtube.get_video_metrics'), ...output.insights.map(() => 'llm.generate')]);
    expect(output.networks).toEqual({ read: ['reddit', 'x', 'youtube'], skipped: [] });
    expect(output.insights.length).toBeGreaterThan(0);
    expect(output.insights.map((i) => i.score)).toEqual([...output.insights.map((i) => i.score)].sort((a, b) => b - a));

    const stored = await insightsOf(who);
    const posts = readPosts(steps);
    expect(stored.map((i) => i.id).sort()).toEqual(output.insights.map((i) => i.id).sort());
    for (const insight of stored) {
      expect(insight.runId).toBe(res.body.id);
      expect(insight.sources.length).toBe(output.insights.find((i) => i.id === insight.id)!.sources);
      expect(new Set(insight.networks)).toEqual(new Set(insight.sources.map((s) => s.network)));
      expect(insight.summary.length).toBeGreaterThanOrEqual(20);
      for (const source of insight.sources) {
        const read = posts.get(`${source.network}:${source.id}`);
        expect(read).toBeDefined();
        // The topic is a word of every post cited (discovered topics are shared words).
        expect(source.text.toLowerCase()).toContain(insight.topic.toLowerCase());
        if (source.network === 'reddit') expect(source).toMatchObject({ url: read!.permalink, metrics: { score: read!.score, comments: read!.numComments } });
        if (source.network === 'x') expect(source).toMatchObject({ url: `https://x.com/i/web/status/${source.id}`, metrics: { likes: (read!.metrics as Record<string, number>).likes } });
        if (source.network === 'youtube') expect(source).toMatchObject({ url: `https://www.youtube.com/watch?v=${source.id}`, metrics: { views: read!.views, likes: read!.likes, comments: read!.comments } });
      }
    }
    // Discovered topics are distinct: none rests only on posts a better one already cites.
    for (const [i, later] of stored.entries()) {
      for (const better of stored.slice(0, i)) expect(later.sources.every((s) => better.sources.some((b) => b.id === s.id))).toBe(false);
    }
  });

  it('should skip a network whose connector fails, report it, and cite none of its posts', async () => {
    const who = await tenant();
    await setFailures(who, [{ connector: 'x', failure: 'AUTH_REVOKED', times: 1 }]);

    const res = await runTrends(who, {}).expect(201);

    expect(res.body.status).toBe('COMPLETED');
    expect(res.body.output.networks).toEqual({
      read: ['reddit', 'youtube'],
      skipped: [{ network: 'x', error: 'ConnectorError:REAUTH_REQUIRED', message: expect.stringContaining('revoked'), retryable: false }],
    });
    const stored = await insightsOf(who);
    expect(stored.length).toBe(res.body.output.insights.length);
    expect(stored.flatMap((i) => i.sources.map((s) => s.network)).filter((n) => n === 'x')).toEqual([]);
  });

  it('should fail and write nothing when every network fails', async () => {
    const who = await tenant();
    await setFailures(who, ['reddit', 'x', 'youtube'].map((connector) => ({ connector, failure: 'AUTH_REVOKED', times: 1 })));

    const res = await runTrends(who, {}).expect(201);

    expect(res.body).toMatchObject({ status: 'FAILED', error: { class: 'NoTrendSourcesError:NO_SOURCES', message: expect.stringContaining('no network could be read') } });
    expect(await insightsOf(who)).toEqual([]);
  });

  it('should score every topic named on the networks named, and report the topics no post is about', async () => {
    const who = await tenant();

    const res = await runTrends(who, { topics: ['Linen shirts', 'cold brew'], networks: ['youtube', 'reddit'], limit: 5 }).expect(201);

    expect(res.body.status).toBe('COMPLETED');
    expect((res.body.toolExecutions as Step[]).map((s) => s.tool).filter((t) => t !== 'llm' && t !== 'agent_config')).not.toContain('x');
    expect(res.body.output).toMatchObject({ networks: { read: ['reddit', 'youtube'], skipped: [] }, unmatchedTopics: ['cold brew'] });
    const stored = await insightsOf(who);
    expect(stored.map((i) => i.topic)).toEqual(['Linen shirts']);
    for (const source of stored[0].sources) expect(source.text.toLowerCase()).toMatch(/linen shirts?/);
  });

  it('should refuse bad input with 400', async () => {
    const who = await tenant();

    for (const input of [{ networks: ['tiktok'] }, { networks: [] }, { topics: [] }, { topics: ['x'] }, { topics: ['??'] }, { limit: 0 }, { limit: 11 }, { networks: ['x', 'x'] }]) {
      const res = await runTrends(who, input).expect(400);
      expect(res.body.message).toContain('input.');
    }
  });

  describe('GET /v1/insights', () => {
    it("should page newest first, filter by run, and answer 404 for another organization's insight", async () => {
      const who = await tenant();
      const first = await runTrends(who, { limit: 2 }).expect(201);
      const second = await runTrends(who, { limit: 2 }).expect(201);
      const total = first.body.output.insights.length + second.body.output.insights.length;

      const seen: Insight[] = [];
      let cursor: string | null = null;
      do {
        const page: { items: Insight[]; nextCursor: string | null } = (await sut.http.get(`/v1/insights?limit=1${cursor ? `&cursor=${cursor}` : ''}`).set(bearer(who.apiKey)).expect(200)).body;
        seen.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor);

      expect(seen.map((i) => i.id)).toHaveLength(total);
      expect(new Set(seen.map((i) => i.id)).size).toBe(total);
      expect(seen.slice(0, second.body.output.insights.length).every((i) => i.runId === second.body.id)).toBe(true);
      const ofFirst = await sut.http.get(`/v1/insights?runId=${first.body.id}`).set(bearer(who.apiKey)).expect(200);
      expect(ofFirst.body.items.map((i: Insight) => i.id).sort()).toEqual(first.body.output.insights.map((i: Insight) => i.id).sort());

      const one = await sut.http.get(`/v1/insights/${seen[0].id}`).set(bearer(who.apiKey)).expect(200);
      expect(validator.errors('GET', '/v1/insights/{insightId}', 200, one.body)).toBeNull();
      expect(one.body).toEqual(seen[0]);
      const stranger = await sut.tenant('trends-stranger');
      await sut.http.get(`/v1/insights/${seen[0].id}`).set(bearer(stranger.apiKey)).expect(404);
      expect((await sut.http.get('/v1/insights').set(bearer(stranger.apiKey)).expect(200)).body.items).toEqual([]);
      await sut.http.get(`/v1/insights/${randomUUID()}`).set(bearer(who.apiKey)).expect(404);
      await sut.http.get('/v1/insights?cursor=nope').set(bearer(who.apiKey)).expect(400);
      await sut.http.get('/v1/insights?runId=nope').set(bearer(who.apiKey)).expect(400);
    });
  });
});

/** As in production until Reddit and YouTube have real implementations: their connectors disabled. */
describe('The trends agent where some networks are disabled', () => {
  const sut = useE2eApp({ config: connectorOverrides({ modes: { reddit: 'disabled', youtube: 'disabled' } }) });

  it('should read the networks that run here and report the disabled ones as skipped', async () => {
    const who = await sut.tenant('trends-x-only');
    await connectMocks(sut, who.organizationId);

    const res = await sut.http.post('/v1/runs').set(bearer(who.apiKey)).send({ agent: 'trends', input: {} }).expect(201);

    expect(res.body.status).toBe('COMPLETED');
    expect(res.body.output.networks).toEqual({
      read: ['x'],
      skipped: ['reddit', 'youtube'].map((network) => ({ network, error: 'ToolUnavailableError', message: expect.stringContaining('is disabled'), retryable: false })),
    });
    const stored = await sut.sql.query('SELECT networks FROM insights WHERE organization_id = $1', [who.organizationId]);
    expect(stored.rows.length).toBe(res.body.output.insights.length);
    expect(stored.rows.length).toBeGreaterThan(0);
    expect(stored.rows.flatMap((r) => r.networks as string[]).every((n) => n === 'x')).toBe(true);
  });
});
