import { randomUUID } from 'node:crypto';
import type { Response } from 'supertest';
import { bearer } from '../support/app';
import { useE2eApp } from '../support/e2e-context';
import { OpenApiResponseValidator } from '../support/openapi-validator';

interface Step {
  tool: string;
  action: string;
  status: string;
  attempt: number;
  input: Record<string, unknown>;
  output: Record<string, unknown> | null;
}

interface VersionRow {
  version: number;
  title: string;
  body: string;
  voice_score: number | null;
  passages: Array<{ marker: number; chunkId: string; documentId: string; excerpt: string }>;
  note: string;
  run_id: string | null;
  user_id: string | null;
}

const SHIPPING_BRIEF = 'How long does shipping to the European Union take, and what does it cost? Explain it to our coffee subscribers.';
const stepNames = (steps: Step[]) => steps.map((s) => `${s.tool}.${s.action}`);

/** The content agent on the offline model and the seeded demo organization (its Northwind Coffee brand and demo dataset). */
describe('The content agent', () => {
  const sut = useE2eApp();
  /** The organization's whole configuration of the agent (PUT replaces it: `{}` goes back to the defaults). */
  const configure = async (config: object) => void (await sut.http.put('/v1/agents/content/config').set(bearer(sut.apiKey)).send(config).expect(200));
  const draft = (input: object, apiKey = sut.apiKey) => sut.http.post('/v1/runs').set(bearer(apiKey)).send({ agent: 'content', input });
  const demoBrandId = async () => (await sut.sql.query("SELECT id FROM brands WHERE organization_id = $1 AND name = 'Northwind Coffee'", [sut.organizationId])).rows[0].id as string;
  const versionsOf = async (contentId: string) => (await sut.sql.query<VersionRow>('SELECT * FROM content_versions WHERE content_id = $1 ORDER BY version', [contentId])).rows;
  const contentsOfRun = async (runId: string) => (await sut.sql.query('SELECT * FROM contents WHERE run_id = $1', [runId])).rows;
  afterEach(() => configure({}));

  it('should draft a blog post grounded in the knowledge base, score it, revise it below the threshold, and keep every version', async () => {
    await configure({ settings: { voiceThreshold: 0.99, maxRevisions: 2 } });

    const res = await draft({ brief: SHIPPING_BRIEF, format: 'blog_post', brandId: await demoBrandId() }).expect(201);

    expect(res.body).toMatchObject({ status: 'COMPLETED', error: null });
    const steps = res.body.toolExecutions as Step[];
    expect(stepNames(steps)).toEqual([
      'agent_config.read',
      'knowledge.search',
      'brand.voice',
      'llm.generate',
      'brand.score_voice',
      'llm.generate',
      'brand.score_voice',
      'llm.generate',
      'brand.score_voice',
    ]);
    const output = res.body.output;
    expect(output).toMatchObject({ status: 'IN_REVIEW', passed: false, revisions: 2, usage: res.body.usage });
    expect(output.reviewReasons).toEqual([expect.stringContaining('below the threshold 0.99 after 2 revisions')]);
    expect(output.passages[0]).toMatchObject({ marker: 1, documentTitle: 'Shipping and returns policy', chunkId: expect.any(String), documentId: expect.any(String) });

    // The revision is asked to fix what the scorer found in the version it revises.
    const firstScore = steps[4].output as { score: number; reasons: Array<{ message: string }> };
    expect(steps[5].input.prompt).toContain(`it scored ${firstScore.score}`);
    for (const reason of firstScore.reasons) expect(steps[5].input.prompt).toContain(`- ${reason.message}`);
    expect(steps[3].input.system).toContain('Write as Northwind Coffee');
    expect(steps[3].input.prompt).toContain('[1] Shipping and returns policy');

    const [content] = await contentsOfRun(res.body.id);
    expect(content).toMatchObject({ id: output.contentId, organization_id: sut.organizationId, kind: 'BLOG_POST', status: 'IN_REVIEW', brief: SHIPPING_BRIEF, brand_id: await demoBrandId() });
    const versions = await versionsOf(content.id);
    expect(versions.map((v) => v.note)).toEqual(['draft', expect.stringMatching(/^revision 1 for voice: similarity/), expect.stringMatching(/^revision 2 for voice: similarity/)]);
    const scores = [4, 6, 8].map((i) => (steps[i].output as { score: number }).score);
    expect(versions.map((v) => v.voice_score)).toEqual(scores);
    // The best-scoring version is current (the earliest of equals), and the content says what it says.
    const best = scores.indexOf(Math.max(...scores));
    expect(content).toMatchObject({ current_version: best + 1, voice_score: scores[best], title: versions[best].title });
    expect(output).toMatchObject({ version: best + 1, voiceScore: scores[best], title: versions[best].title, body: versions[best].body });
    for (const v of versions) {
      expect(v).toMatchObject({ run_id: res.body.id, user_id: null });
      expect(v.title.length).toBeLessThanOrEqual(120);
      expect(v.passages.map((p) => p.marker)).toContain(1);
      expect(v.passages[0]).toEqual(expect.objectContaining({ chunkId: expect.any(String), documentId: expect.any(String), excerpt: expect.any(String) }));
    }
  });

  it('should not revise a draft that reaches the bar, and leave it a DRAFT', async () => {
    const res = await draft({ brief: SHIPPING_BRIEF, format: 'blog_post', brandId: await demoBrandId(), voiceThreshold: 0 }).expect(201);

    expect(stepNames(res.body.toolExecutions)).toEqual(['agent_config.read', 'knowledge.search', 'brand.voice', 'llm.generate', 'brand.score_voice']);
    expect(res.body.output).toMatchObject({ status: 'DRAFT', reviewReasons: [], passed: true, revisions: 0, version: 1 });
    expect(await contentsOfRun(res.body.id)).toEqual([expect.objectContaining({ status: 'DRAFT', current_version: 1 })]);
  });

  it("should write a landing page in the configured brand's voice, with the organization's hints", async () => {
    await configure({ brandId: await demoBrandId(), promptHints: ['Mention the free returns.'], temperature: 0.3, settings: { maxRevisions: 0 } });

    const res = await draft({ brief: 'A landing page for our coffee subscription with free shipping', format: 'landing_page' }).expect(201);

    const steps = res.body.toolExecutions as Step[];
    expect(stepNames(steps)).toEqual(['agent_config.read', 'knowledge.search', 'brand.voice', 'llm.generate', 'brand.score_voice']);
    expect(steps[3].input).toMatchObject({ temperature: 0.3 });
    expect(steps[3].input.system).toMatch(/## Hero[\s\S]*## Benefits[\s\S]*## Call to action[\s\S]*The organization asks: Mention the free returns\./);
    expect(await contentsOfRun(res.body.id)).toEqual([expect.objectContaining({ kind: 'LANDING_PAGE', brand_id: await demoBrandId() })]);
  });

  it('should write a newsletter without a voice when no brand is named or configured, and ask a person to look at it', async () => {
    const res = await draft({ brief: 'This month: how we ship to the European Union', format: 'newsletter' }).expect(201);

    expect(stepNames(res.body.toolExecutions)).toEqual(['agent_config.read', 'knowledge.search', 'llm.generate']);
    expect(res.body.output).toMatchObject({ status: 'IN_REVIEW', voiceScore: null, passed: null, revisions: 0 });
    expect(res.body.output.reviewReasons).toContain('no brand voice checked it: no brand was named or configured');
    const [content] = await contentsOfRun(res.body.id);
    expect(content).toMatchObject({ kind: 'NEWSLETTER', status: 'IN_REVIEW', brand_id: null, voice_score: null });
    expect((await versionsOf(content.id)).map((v) => [v.version, v.note, v.voice_score])).toEqual([[1, 'draft', null]]);
  });

  it("should fail the run on another organization's brand or campaign, and write nothing", async () => {
    const tenant = await sut.tenant('content-other');
    const campaign = await sut.sql.query("INSERT INTO campaigns (organization_id, name, goal, updated_at) VALUES ($1, 'Autumn', 'Sell beans', now()) RETURNING id", [tenant.organizationId]);

    const brand = await draft({ brief: SHIPPING_BRIEF, format: 'blog_post', brandId: await demoBrandId() }, tenant.apiKey).expect(201);
    const other = await draft({ brief: SHIPPING_BRIEF, format: 'blog_post', campaignId: campaign.rows[0].id }).expect(201);

    expect(brand.body).toMatchObject({ status: 'FAILED', error: { class: 'BrandNotFoundError' } });
    expect(other.body).toMatchObject({ status: 'FAILED', error: { class: 'CampaignNotFoundError' } });
    expect(other.body.toolExecutions).toEqual([]);
    expect([...(await contentsOfRun(brand.body.id)), ...(await contentsOfRun(other.body.id))]).toEqual([]);
  });

  it('should refuse bad input with 400 before any run exists', async () => {
    const bad = [{ brief: '', format: 'blog_post' }, { brief: 'x'.repeat(4_001), format: 'blog_post' }, { brief: 'A post', format: 'tweet' }, { brief: 'A post', format: 'blog_post', brandId: 'nope' }, { brief: 'A post', format: 'blog_post', voiceThreshold: 2 }];

    for (const input of bad) {
      const res = await draft(input).expect(400);
      expect(res.body.message).toMatch(/input\.(brief|format|brandId|voiceThreshold)/);
    }
  });

  it('should fail after the engine’s retries when the model is unavailable, replaying the steps before it, and write nothing', async () => {
    // Past the 2,000 characters the search is given: only the model sees the marker.
    const brief = `${'Explain our shipping to the European Union. '.repeat(46)}[offline:unavailable]`;

    const res = await draft({ brief, format: 'blog_post', brandId: await demoBrandId() }).expect(201);

    expect(res.body).toMatchObject({ status: 'FAILED', attempt: 3, error: { class: 'LlmError:PROVIDER_UNAVAILABLE' } });
    const steps = res.body.toolExecutions as Step[];
    expect(steps.filter((s) => s.tool === 'llm').map((s) => [s.status, s.attempt])).toEqual([
      ['FAILED', 1],
      ['FAILED', 2],
      ['FAILED', 3],
    ]);
    // What succeeded before the model was asked is recorded once and replayed on the retries.
    expect(stepNames(steps.filter((s) => s.tool !== 'llm'))).toEqual(['agent_config.read', 'knowledge.search', 'brand.voice']);
    expect(await contentsOfRun(res.body.id)).toEqual([]);
  });

  describe('through /v1/content', () => {
    const api = (apiKey = sut.apiKey) => ({
      list: (query = '') => sut.http.get(`/v1/content${query}`).set(bearer(apiKey)),
      get: (id: string) => sut.http.get(`/v1/content/${id}`).set(bearer(apiKey)),
      patch: (id: string, body: object) => sut.http.patch(`/v1/content/${id}`).set(bearer(apiKey)).send(body),
      delete: (id: string) => sut.http.delete(`/v1/content/${id}`).set(bearer(apiKey)),
    });
    /** A content the agent wrote for the demo organization, without revisions. */
    const drafted = async (input: object = {}) => (await draft({ brief: SHIPPING_BRIEF, format: 'blog_post', brandId: await demoBrandId(), voiceThreshold: 0, ...input }).expect(201)).body.output.contentId as string;

    it("should list newest first with filters and cursor pages, and never another organization's content", async () => {
      const tenant = await sut.tenant('content-list');
      const brand = (await sut.sql.query("INSERT INTO brands (organization_id, name, updated_at) VALUES ($1, 'Harbor', now()) RETURNING id", [tenant.organizationId])).rows[0].id;
      const campaign = (await sut.sql.query("INSERT INTO campaigns (organization_id, name, goal, updated_at) VALUES ($1, 'Autumn', 'Sell beans', now()) RETURNING id", [tenant.organizationId])).rows[0].id;
      const rows: Array<[kind: string, status: string, title: string, at: string, brandId: string | null, campaignId: string | null]> = [
        ['BLOG_POST', 'DRAFT', 'Autumn beans', '2026-01-01', null, null],
        ['NEWSLETTER', 'IN_REVIEW', 'October letter', '2026-01-02', null, campaign],
        ['LANDING_PAGE', 'APPROVED', 'Subscribe page', '2026-01-03', brand, null],
        ['BLOG_POST', 'IN_REVIEW', 'Brewing guide', '2026-01-04', brand, null],
        // The same time as the one before: the page order's tiebreak (the id) decides.
        ['BLOG_POST', 'DRAFT', 'Cold BREW is back', '2026-01-04', null, null],
      ];
      const byTitle = new Map<string, string>();
      for (const [kind, status, title, at, brandId, campaignId] of rows) {
        const inserted = await sut.sql.query(
          "INSERT INTO contents (organization_id, kind, status, title, brief, brand_id, campaign_id, created_at, updated_at) VALUES ($1, $2, $3, $4, 'A brief', $5, $6, $7, now()) RETURNING id",
          [tenant.organizationId, kind, status, title, brandId, campaignId, at],
        );
        byTitle.set(title, inserted.rows[0].id);
      }
      const titles = async (query: string) => ((await api(tenant.apiKey).list(query).expect(200)).body.items as Array<{ title: string }>).map((c) => c.title);

      const seen: string[] = [];
      let cursor: string | null = '';
      for (let pages = 0; cursor !== null; pages++) {
        const query: string = `?limit=2${cursor ? `&cursor=${cursor}` : ''}`;
        const page = (await api(tenant.apiKey).list(query).expect(200)).body as { items: Array<{ title: string }>; nextCursor: string | null };
        expect(page.items.length).toBeLessThanOrEqual(2);
        expect(page.items[0]).not.toHaveProperty('body');
        seen.push(...page.items.map((c) => c.title));
        cursor = page.nextCursor;
        expect(pages).toBeLessThan(3);
      }
      const tied = [byTitle.get('Brewing guide')!, byTitle.get('Cold BREW is back')!].sort().reverse().map((id) => [...byTitle].find(([, v]) => v === id)![0]);
      expect(seen).toEqual([...tied, 'Subscribe page', 'October letter', 'Autumn beans']);

      expect(await titles('?status=IN_REVIEW')).toEqual(['Brewing guide', 'October letter']);
      expect(await titles('?kind=BLOG_POST')).toHaveLength(3);
      expect(await titles(`?brandId=${brand}`)).toEqual(['Brewing guide', 'Subscribe page']);
      expect(await titles(`?campaignId=${campaign}`)).toEqual(['October letter']);
      expect((await titles('?q=brew')).sort()).toEqual(['Brewing guide', 'Cold BREW is back']);
      const demo = (await api().list('?limit=100').expect(200)).body.items.map((c: { id: string }) => c.id);
      expect(demo.filter((id: string) => [...byTitle.values()].includes(id))).toEqual([]);
      for (const bad of ['?cursor=nonsense', '?status=LIVE', '?kind=tweet', '?limit=0', '?brandId=nope', '?q=%20']) await api(tenant.apiKey).list(bad).expect(400);
    });

    it("should show a content with its versions, and answer 404 for another organization's", async () => {
      const id = await drafted();
      const tenant = await sut.tenant('content-get');

      const res = await api().get(id).expect(200);

      expect(res.body).toMatchObject({ id, kind: 'BLOG_POST', status: 'DRAFT', currentVersion: 1, brandId: await demoBrandId() });
      expect(res.body.versions).toEqual([expect.objectContaining({ version: 1, note: 'draft', body: res.body.body, userId: null, runId: expect.any(String) })]);
      expect(res.body.versions[0].passages[0]).toEqual(expect.objectContaining({ marker: 1, documentTitle: 'Shipping and returns policy' }));
      await api(tenant.apiKey).get(id).expect(404);
      await api().get('4d6c5e1a-0000-4000-8000-000000000000').expect(404);
      await api().get('not-a-uuid').expect(400);
    });

    it("should keep a person's edit as a new version scored against the brand voice, and move the content through review", async () => {
      const id = await drafted();
      const tenant = await sut.tenant('content-edit');
      const body = 'Morning, you. Northwind ships your beans to the European Union in 7 to 12 working days [1].';

      const edited = await api().patch(id, { body }).expect(200);

      expect(edited.body).toMatchObject({ currentVersion: 2, status: 'DRAFT', body, title: edited.body.versions[0].title });
      const version = edited.body.versions[1];
      expect(version).toMatchObject({ version: 2, body, note: 'edited by a person', userId: sut.userId, runId: null, voiceScore: expect.any(Number) });
      expect(version.passages.map((p: { marker: number }) => p.marker)).toEqual([1]);
      expect(edited.body.voiceScore).toBe(version.voiceScore);

      expect((await api().patch(id, { status: 'APPROVED' }).expect(409)).body.message).toContain('cannot go from DRAFT to APPROVED');
      await api().patch(id, { status: 'IN_REVIEW' }).expect(200);
      const approved = await api().patch(id, { title: 'Shipping to the EU, simply', status: 'APPROVED' }).expect(200);
      expect(approved.body).toMatchObject({ status: 'APPROVED', currentVersion: 3, title: 'Shipping to the EU, simply', body });
      expect((await api().patch(id, { body: 'Too late.' }).expect(409)).body.message).toContain('APPROVED cannot be edited');
      await api().patch(id, { status: 'PUBLISHED' }).expect(200);
      await api().patch(id, { status: 'DRAFT' }).expect(409);
      await api().patch(id, { status: 'ARCHIVED' }).expect(200);

      for (const bad of [{}, { title: '  ' }, { status: 'LIVE' }, { body: 'x'.repeat(12_001) }, { title: null }]) await api().patch(id, bad).expect(400);
      await api(tenant.apiKey).patch(id, { status: 'ARCHIVED' }).expect(404);
    });

    it('should delete softly: gone from lists and reads from then on, the row kept', async () => {
      const id = await drafted({ format: 'newsletter' });
      const tenant = await sut.tenant('content-delete');
      await api(tenant.apiKey).delete(id).expect(404);

      await api().delete(id).expect(204);

      await api().get(id).expect(404);
      await api().patch(id, { status: 'IN_REVIEW' }).expect(404);
      await api().delete(id).expect(404);
      expect((await api().list('?limit=100').expect(200)).body.items.map((c: { id: string }) => c.id)).not.toContain(id);
      expect((await sut.sql.query('SELECT deleted_at FROM contents WHERE id = $1', [id])).rows[0].deleted_at).toBeInstanceOf(Date);
    });

    it('should answer in the shapes its OpenAPI document describes', async () => {
      const validator = new OpenApiResponseValidator((await sut.http.get('/docs-json').expect(200)).body);
      const id = await drafted();
      const seen: Array<[string, string, Response]> = [
        ['GET', '/v1/content', await api().list('?limit=2').expect(200)],
        ['GET', '/v1/content/{id}', await api().get(id).expect(200)],
        ['PATCH', '/v1/content/{id}', await api().patch(id, { body: 'Northwind ships to you [1].', status: 'IN_REVIEW' }).expect(200)],
        ['PATCH', '/v1/content/{id}', await api().patch(id, { status: 'PUBLISHED' }).expect(409)],
        ['PATCH', '/v1/content/{id}', await api().patch(id, {}).expect(400)],
        ['GET', '/v1/content/{id}', await api().get(randomUUID()).expect(404)],
      ];

      for (const [method, path, res] of seen) {
        expect({ method, path, status: res.status, errors: validator.errors(method, path, res.status, res.body) }).toEqual({ method, path, status: res.status, errors: null });
      }
    });
  });
});
