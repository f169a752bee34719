import { Queue } from 'bullmq';
import { Client } from 'pg';
import { RUN_QUEUES } from '../../src/modules/agents/agent-queues';
import { redisOptionsFromUrl } from '../../src/infra/queue/redis-connection';
import { runJobId } from '../../src/modules/orchestration/queue/run-job';
import { bearer, createTestApp, type TestApp } from '../support/app';
import { connectMocks, connectorOverrides } from '../support/connector-e2e';
import { useE2eApp } from '../support/e2e-context';
import { pollUntil } from '../support/poll';
import { DisposableRedis } from '../support/redis-server';
import { TEST_ENCRYPTION_KEYS, type ServiceProcess } from '../support/service-process';
import type { Tenant } from '../support/tenants';
import { startTestWorker } from '../support/worker-process';
import { spreadDates } from '../../src/modules/seo/planning/editorial-calendar';
import { queuePrefix } from '../../src/infra/redis/redis-keys';

interface Step {
  tool: string;
  action: string;
  attempt: number;
  status: string;
  input: Record<string, unknown>;
  output: Record<string, unknown>;
}
interface SearchRow {
  keys: string[];
  impressions: number;
  clicks: number;
  ctr: number;
  position: number;
}
interface Entry {
  id: string;
  title: string;
  brief: string;
  format: string;
  channel: string;
  plannedFor: string;
  cluster: string;
  keyword: string;
}

const SITE = 'sc-domain:northwind.example';

/** The seo agent on the mock Search Console and the offline model, from POST /v1/runs to the rows it commits. */
describe('The seo agent', () => {
  const sut = useE2eApp({ config: connectorOverrides() });

  const tenant = async () => {
    const created = await sut.tenant('seo');
    await connectMocks(sut, created.organizationId);
    return created;
  };
  const runSeo = (who: Tenant, input: object) => sut.http.post('/v1/runs').set(bearer(who.apiKey)).send({ agent: 'seo', input });
  const stepOf = (steps: Step[], name: string) => steps.find((s) => `${s.tool}.${s.action}` === name && s.status === 'SUCCEEDED');
  const keywords = async (who: Tenant) =>
    (await sut.sql.query('SELECT id, term::text AS term, cluster, impressions, clicks, ctr, position, source, run_id FROM keywords WHERE organization_id = $1 ORDER BY term', [who.organizationId])).rows;
  const entries = async (who: Tenant) =>
    (await sut.sql.query("SELECT id, title, brief, format, channel, to_char(planned_for, 'YYYY-MM-DD') AS planned_for, status, keyword_id, run_id FROM editorial_entries WHERE organization_id = $1 ORDER BY planned_for, id", [who.organizationId])).rows;
  const setFailures = (who: Tenant, rules: object[]) => sut.http.put('/v1/connectors/mock/failures').set(bearer(who.apiKey)).send({ rules }).expect(200);

  it('should write the queries as keywords and propose one entry a week for the clusters with most to win, planned from the recorded period', async () => {
    const who = await tenant();

    const res = await runSeo(who, { siteUrl: SITE, weeks: 4 }).expect(201);

    expect(res.body).toMatchObject({ status: 'COMPLETED', error: null });
    const steps = res.body.toolExecutions as Step[];
    const output = res.body.output as { keywordCount: number; opportunityCount: number; clusterCount: number; clusters: Array<{ name: string; opportunity: number }>; entries: Entry[]; period: object };
    expect(steps.slice(0, 3).map((s) => `${s.tool}.${s.action}`)).toEqual(['agent_config.read', 'seo.reporting_period', 'google_search_console.query_search_analytics']);
    expect(steps.slice(3).map((s) => `${s.tool}.${s.action}`)).toEqual(output.entries.map(() => 'llm.generate'));
    const period = stepOf(steps, 'seo.reporting_period')!.output as { asOf: string; startDate: string; endDate: string };
    const query = stepOf(steps, 'google_search_console.query_search_analytics')!;
    expect(query.input).toEqual({ siteUrl: SITE, startDate: period.startDate, endDate: period.endDate, dimensions: ['query'], rowLimit: 500 });
    expect(output.period).toEqual({ startDate: period.startDate, endDate: period.endDate });

    // Every query is a keyword with Search Console's figures, in a cluster the output names.
    const rows = (query.output as { rows: SearchRow[] }).rows;
    const stored = await keywords(who);
    expect(stored).toHaveLength(rows.length);
    expect(output.keywordCount).toBe(rows.length);
    for (const row of rows) {
      expect(stored.find((k) => k.term === row.keys[0])).toMatchObject({ impressions: row.impressions, clicks: row.clicks, ctr: row.ctr, position: row.position, source: 'search_console', run_id: res.body.id });
    }
    expect(new Set(stored.map((k) => k.cluster))).toEqual(new Set(output.clusters.map((c) => c.name)));
    expect(output.clusterCount).toBe(output.clusters.length);

    // One entry per cluster with an opportunity, each aimed at a query ranking 4 to 20, a week apart from the day after the period was read.
    const planned = output.clusters.filter((c) => c.opportunity > 0);
    expect(output.entries.map((e) => e.cluster)).toEqual(planned.slice(0, 4).map((c) => c.name));
    expect(output.entries.length).toBeGreaterThan(0);
    expect(output.entries.map((e) => e.plannedFor)).toEqual(spreadDates(period.asOf.slice(0, 10), 4, output.entries.length));
    const written = await entries(who);
    expect(written.map((e) => e.id).sort()).toEqual(output.entries.map((e) => e.id).sort());
    for (const entry of output.entries) {
      const row = written.find((w) => w.id === entry.id)!;
      const keyword = stored.find((k) => k.id === row.keyword_id)!;
      expect(row).toMatchObject({ title: entry.title, brief: entry.brief, format: entry.format, channel: entry.channel, planned_for: entry.plannedFor, status: 'PROPOSED', run_id: res.body.id });
      expect(keyword.term).toBe(entry.keyword);
      expect(keyword.position).toBeGreaterThanOrEqual(4);
      expect(keyword.position).toBeLessThanOrEqual(20);
    }
  });

  it('should keep one keyword whatever its case, and update keywords and fresh proposals on a second run instead of adding rows', async () => {
    const who = await tenant();
    const manual = await sut.http.post('/v1/keywords').set(bearer(who.apiKey)).send({ term: 'LINEN SHIRT', intent: 'commercial' }).expect(201);

    const first = await runSeo(who, { siteUrl: SITE }).expect(201);
    const afterFirst = await keywords(who);
    const planned = (first.body.output.entries as Entry[])[0];
    await sut.http.patch(`/v1/editorial-entries/${planned.id}`).set(bearer(who.apiKey)).send({ status: 'PLANNED' }).expect(200);
    const second = await runSeo(who, { siteUrl: SITE }).expect(201);

    expect(second.body.status).toBe('COMPLETED');
    const afterSecond = await keywords(who);
    // "linen shirt" from Search Console is the keyword a person wrote as "LINEN SHIRT": one row, its spelling and intent kept.
    expect(afterFirst.map((k) => k.id).sort()).toEqual(afterSecond.map((k) => k.id).sort());
    expect(afterSecond.find((k) => k.id === manual.body.id)).toMatchObject({ term: 'LINEN SHIRT', source: 'search_console', run_id: second.body.id });
    expect((await sut.http.get(`/v1/keywords/${manual.body.id}`).set(bearer(who.apiKey)).expect(200)).body).toMatchObject({ term: 'LINEN SHIRT', intent: 'commercial' });
    const secondRows = (stepOf(second.body.toolExecutions, 'google_search_console.query_search_analytics')!.output as { rows: SearchRow[] }).rows;
    for (const row of secondRows) expect(afterSecond.find((k) => k.term.toLowerCase() === row.keys[0])).toMatchObject({ impressions: row.impressions, run_id: second.body.id });
    // The first run's untouched proposals gave way to the second's; the one a person planned stays.
    const calendar = await entries(who);
    expect(calendar.filter((e) => e.status === 'PROPOSED').map((e) => e.id).sort()).toEqual((second.body.output.entries as Entry[]).map((e) => e.id).sort());
    expect(calendar.filter((e) => e.status === 'PLANNED')).toEqual([expect.objectContaining({ id: planned.id, run_id: first.body.id })]);
  });

  it('should fail the run and write nothing when Search Console fails', async () => {
    const who = await tenant();
    await setFailures(who, [{ connector: 'google_search_console', failure: 'AUTH_REVOKED', times: 1 }]);

    const res = await runSeo(who, { siteUrl: SITE }).expect(201);

    expect(res.body).toMatchObject({ status: 'FAILED', error: { class: 'ConnectorError:REAUTH_REQUIRED' } });
    expect(await keywords(who)).toEqual([]);
    expect(await entries(who)).toEqual([]);
  });

  it('should retry a passing Search Console failure, replaying the recorded period rather than reading the clock again', async () => {
    const who = await tenant();
    await setFailures(who, [{ connector: 'google_search_console', failure: 'PROVIDER_ERROR', times: 1 }]);

    const res = await runSeo(who, { siteUrl: SITE }).expect(201);

    expect(res.body).toMatchObject({ status: 'COMPLETED', attempt: 2 });
    const steps = res.body.toolExecutions as Step[];
    expect(steps.filter((s) => s.tool === 'seo').map((s) => [s.attempt, s.status])).toEqual([[1, 'SUCCEEDED']]);
    expect(steps.filter((s) => s.tool === 'google_search_console').map((s) => [s.attempt, s.status])).toEqual([[1, 'FAILED'], [2, 'SUCCEEDED']]);
    expect((await keywords(who)).length).toBe(res.body.output.keywordCount);
  });

  it("should use the configured site and the brand's voice, and fail for another organization's brand", async () => {
    const brand = await sut.sql.query("SELECT id FROM brands WHERE organization_id = $1 AND name = 'Northwind Coffee'", [sut.organizationId]);
    const demo = { organizationId: sut.organizationId, userId: sut.userId, apiKey: sut.apiKey };
    await sut.http.put('/v1/agents/seo/config').set(bearer(demo.apiKey)).send({ settings: { siteUrl: 'https://www.northwind.example/' }, promptHints: ['Mention the roastery in Lisbon.'] }).expect(200);

    const res = await runSeo(demo, { brandId: brand.rows[0].id, weeks: 2 }).expect(201);

    expect(res.body.status).toBe('COMPLETED');
    const steps = res.body.toolExecutions as Step[];
    expect(stepOf(steps, 'google_search_console.query_search_analytics')!.input.siteUrl).toBe('https://www.northwind.example/');
    const model = stepOf(steps, 'llm.generate')!.input as { system: string };
    expect(model.system).toContain('Write for Northwind Coffee');
    expect(model.system).toContain('Mention the roastery in Lisbon.');
    expect(res.body.output.entries.length).toBeLessThanOrEqual(2);
    const branded = await sut.sql.query('SELECT count(*)::int AS n FROM keywords WHERE organization_id = $1 AND brand_id = $2 AND run_id = $3', [demo.organizationId, brand.rows[0].id, res.body.id]);
    expect(branded.rows[0].n).toBe(res.body.output.keywordCount);

    const stranger = await tenant();
    const other = await runSeo(stranger, { siteUrl: SITE, brandId: brand.rows[0].id }).expect(201);
    expect(other.body).toMatchObject({ status: 'FAILED', error: { class: 'BrandNotFoundError' } });
    expect(await keywords(stranger)).toEqual([]);
  });

  it('should fail without a site in the input or the configuration, take a bare origin as its root property, and refuse bad input with 400', async () => {
    const who = await tenant();

    const missing = await runSeo(who, {}).expect(201);
    const bareOrigin = await runSeo(who, { siteUrl: 'https://www.northwind.example' }).expect(201);
    const bad = await runSeo(who, { siteUrl: 'northwind.example', days: 3, weeks: 13 }).expect(400);

    expect(missing.body).toMatchObject({ status: 'FAILED', error: { class: 'SiteUrlMissingError:MISCONFIGURED' } });
    // A bare origin names its root's URL-prefix property, which Search Console writes with the slash.
    expect(stepOf(bareOrigin.body.toolExecutions, 'google_search_console.query_search_analytics')!.input.siteUrl).toBe('https://www.northwind.example/');
    expect(bad.body.message).toEqual(expect.stringContaining('input.siteUrl'));
    expect(bad.body.message).toEqual(expect.stringContaining('input.days'));
    expect(bad.body.message).toEqual(expect.stringContaining('input.weeks'));
  });

  describe('POST /v1/seo/schedule', () => {
    it('should create the weekly schedule once and return it on every later call', async () => {
      const who = await tenant();
      const ensure = (body: object) => sut.http.post('/v1/seo/schedule').set(bearer(who.apiKey)).send(body);

      const created = await ensure({ timezone: 'Europe/Paris', siteUrl: SITE }).expect(201);
      const again = await ensure({ timezone: 'America/New_York' }).expect(200);

      expect(created.body).toMatchObject({ agent: 'seo', cron: '0 6 * * 1', timezone: 'Europe/Paris', input: { siteUrl: SITE }, intent: 'weekly SEO review', enabled: true });
      expect(created.body.nextFireTimes).toHaveLength(3);
      expect(again.body).toMatchObject({ id: created.body.id, timezone: 'Europe/Paris' });
      const listed = await sut.http.get('/v1/schedules').set(bearer(who.apiKey)).expect(200);
      expect(listed.body.items.map((s: { id: string }) => s.id)).toEqual([created.body.id]);
    });

    it('should create one schedule when the first two calls race', async () => {
      const who = await tenant();

      const answers = await Promise.all([1, 2, 3].map(() => sut.http.post('/v1/seo/schedule').set(bearer(who.apiKey)).send({})));

      expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 201]);
      expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
      const count = await sut.sql.query("SELECT count(*)::int AS n FROM schedules WHERE organization_id = $1 AND agent_name = 'seo'", [who.organizationId]);
      expect(count.rows[0].n).toBe(1);
    });

    it("should refuse a time zone that is not one with 400 and another organization's brand with 404", async () => {
      const who = await tenant();
      const brand = await sut.sql.query('SELECT id FROM brands WHERE organization_id = $1 LIMIT 1', [sut.organizationId]);

      await sut.http.post('/v1/seo/schedule').set(bearer(who.apiKey)).send({ timezone: 'Mars/Olympus' }).expect(400);
      await sut.http.post('/v1/seo/schedule').set(bearer(who.apiKey)).send({ brandId: brand.rows[0].id }).expect(404);
      await sut.http.post('/v1/seo/schedule').set(bearer(who.apiKey)).send({ weeks: 0 }).expect(400);
      const count = await sut.sql.query('SELECT count(*)::int AS n FROM schedules WHERE organization_id = $1', [who.organizationId]);
      expect(count.rows[0].n).toBe(0);
    });
  });
});

/** API and worker as separate processes, as in production: the seo agent's runs travel on their own queue. */
describe('The seo agent in a worker', () => {
  let redis: DisposableRedis;
  let api: TestApp;
  const workers: ServiceProcess[] = [];
  let queue: Queue | undefined;

  beforeAll(async () => {
    redis = await DisposableRedis.create();
    await redis.start();
    api = await createTestApp({ ...connectorOverrides(), redisUrl: redis.url, encryptionKeys: TEST_ENCRYPTION_KEYS });
    await startTestWorker({ DATABASE_URL: api.db.url, REDIS_URL: redis.url, DATABASE_POOL_SIZE: '3', USE_MOCK_CONNECTORS: 'true', NEONHUB_ENCRYPTION_KEYS: TEST_ENCRYPTION_KEYS }, workers);
  }, 90_000);

  afterAll(async () => {
    await queue?.close();
    await Promise.all(workers.map((w) => w.stop()));
    await api?.close();
    await redis?.stop();
  });

  it('should run an async run on the seo.analytics queue and commit its rows', async () => {
    const queued = await api.http.post('/v1/runs').set(bearer(api.apiKey)).send({ agent: 'seo', mode: 'async', input: { siteUrl: SITE } }).expect(202);

    const run = await pollUntil(
      async () => (await api.http.get(`/v1/runs/${queued.body.id}`).set(bearer(api.apiKey)).expect(200)).body as { status: string; output: { keywordCount: number } },
      (r) => !['QUEUED', 'RUNNING'].includes(r.status),
      { what: 'the seo run to finish', timeoutMs: 30_000 },
    );

    expect(run.status).toBe('COMPLETED');
    queue = new Queue(RUN_QUEUES.seoAnalytics, { connection: redisOptionsFromUrl(redis.url), prefix: queuePrefix(RUN_QUEUES.seoAnalytics) });
    expect(await (await queue.getJob(runJobId(queued.body.id, 0)))?.getState()).toBe('completed');
    const db = new Client({ connectionString: api.db.url });
    await db.connect();
    try {
      const rows = await db.query('SELECT count(*)::int AS n FROM keywords WHERE run_id = $1', [queued.body.id]);
      expect(rows.rows[0].n).toBe(run.output.keywordCount);
    } finally {
      await db.end();
    }
  });
});
