import { randomUUID } from 'node:crypto';
import type { Response } from 'supertest';
import { bearer } from '../support/app';
import { useE2eApp } from '../support/e2e-context';
import { OpenApiResponseValidator } from '../support/openapi-validator';
import type { Tenant } from '../support/tenants';

/** The keywords and the editorial calendar people manage through the API. */
describe('Keywords and the editorial calendar', () => {
  const sut = useE2eApp();
  let validator: OpenApiResponseValidator;
  beforeAll(async () => {
    validator = new OpenApiResponseValidator((await sut.http.get('/docs-json').expect(200)).body);
  });

  /** The answer, once checked against the OpenAPI document. */
  const documented = (method: string, path: string, res: Response) => {
    expect(validator.errors(method, path, res.status, res.body)).toBeNull();
    return res.body;
  };
  const as = (who: Tenant) => ({
    post: (path: string, body: object) => sut.http.post(path).set(bearer(who.apiKey)).send(body),
    get: (path: string) => sut.http.get(path).set(bearer(who.apiKey)),
    patch: (path: string, body: object) => sut.http.patch(path).set(bearer(who.apiKey)).send(body),
    delete: (path: string) => sut.http.delete(path).set(bearer(who.apiKey)),
  });
  const brandOf = async (who: Tenant, name = 'Roastery') => (await as(who).post('/v1/brands', { name }).expect(201)).body.id as string;

  describe('/v1/keywords', () => {
    it('should create a keyword and refuse the same term in another case or spacing with 409', async () => {
      const api = as(await sut.tenant('kw'));

      const created = documented('POST', '/v1/keywords', await api.post('/v1/keywords', { term: 'Cold Brew', cluster: 'coffee', intent: 'informational' }).expect(201));
      const sameLower = await api.post('/v1/keywords', { term: 'cold brew' }).expect(409);
      const sameSpaced = await api.post('/v1/keywords', { term: '  COLD   BREW ' }).expect(409);

      expect(created).toMatchObject({ term: 'Cold Brew', cluster: 'coffee', intent: 'informational', impressions: 0, clicks: 0, ctr: 0, position: null, source: 'manual', brandId: null, runId: null });
      expect(sameLower.body).toMatchObject({ statusCode: 409, message: expect.stringContaining('"cold brew" already exists') });
      expect(sameSpaced.body.statusCode).toBe(409);
    });

    it('should let two organizations hold the same term', async () => {
      await as(await sut.tenant('kw-a')).post('/v1/keywords', { term: 'espresso' }).expect(201);
      await as(await sut.tenant('kw-b')).post('/v1/keywords', { term: 'Espresso' }).expect(201);
    });

    it('should list by term ignoring case, page by page, and filter by text, cluster and brand', async () => {
      const who = await sut.tenant('kw-list');
      const api = as(who);
      const brandId = await brandOf(who);
      const bakes = ['banana bread', 'Apple pie', 'cherry tart'];
      for (const term of [...bakes, 'Blueberry muffin', '100% arabica']) await api.post('/v1/keywords', { term, cluster: bakes.includes(term) ? 'Bakes' : null }).expect(201);
      await api.post('/v1/keywords', { term: 'apple crumble', brandId, cluster: 'bakes' }).expect(201);

      const terms: string[] = [];
      let cursor: string | null = null;
      do {
        const page = documented('GET', '/v1/keywords', await api.get(`/v1/keywords?limit=2${cursor ? `&cursor=${cursor}` : ''}`).expect(200));
        terms.push(...page.items.map((k: { term: string }) => k.term));
        cursor = page.nextCursor;
      } while (cursor);

      expect(terms).toEqual(['100% arabica', 'apple crumble', 'Apple pie', 'banana bread', 'Blueberry muffin', 'cherry tart']);
      const search = async (query: string) => (await api.get(`/v1/keywords?${query}`).expect(200)).body.items.map((k: { term: string }) => k.term);
      expect(await search('q=APPLE')).toEqual(['apple crumble', 'Apple pie']);
      expect(await search('q=%25')).toEqual(['100% arabica']);
      expect(await search('q=_')).toEqual([]);
      expect(await search('cluster=BAKES')).toEqual(['apple crumble', 'Apple pie', 'banana bread', 'cherry tart']);
      expect(await search(`brandId=${brandId}`)).toEqual(['apple crumble']);
    });

    it('should refuse a cursor it did not issue and bad filters with 400', async () => {
      const api = as(await sut.tenant('kw-bad'));

      await api.get('/v1/keywords?cursor=not-a-cursor').expect(400);
      await api.get(`/v1/keywords?cursor=${Buffer.from(JSON.stringify([1])).toString('base64url')}`).expect(400);
      await api.get('/v1/keywords?brandId=nope').expect(400);
      await api.get('/v1/keywords?q=%20').expect(400);
    });

    it('should change the cluster and intent, clear them with null, and delete', async () => {
      const api = as(await sut.tenant('kw-edit'));
      const { id } = (await api.post('/v1/keywords', { term: 'pour over' }).expect(201)).body;

      const changed = documented('PATCH', '/v1/keywords/{keywordId}', await api.patch(`/v1/keywords/${id}`, { cluster: ' brewing  methods ', intent: 'commercial' }).expect(200));
      const cleared = (await api.patch(`/v1/keywords/${id}`, { cluster: null, intent: null }).expect(200)).body;
      await api.delete(`/v1/keywords/${id}`).expect(204);

      expect(changed).toMatchObject({ cluster: 'brewing methods', intent: 'commercial' });
      expect(cleared).toMatchObject({ cluster: null, intent: null, term: 'pour over' });
      await api.get(`/v1/keywords/${id}`).expect(404);
      await api.delete(`/v1/keywords/${id}`).expect(404);
    });

    it("should answer 404 for another organization's keyword or brand, and 400 for bad input", async () => {
      const owner = as(await sut.tenant('kw-owner'));
      const stranger = await sut.tenant('kw-stranger');
      const other = as(stranger);
      const { id } = (await owner.post('/v1/keywords', { term: 'french press' }).expect(201)).body;
      const foreignBrand = await brandOf(await sut.tenant('kw-brand'));

      await other.get(`/v1/keywords/${id}`).expect(404);
      await other.patch(`/v1/keywords/${id}`, { cluster: 'x' }).expect(404);
      await other.delete(`/v1/keywords/${id}`).expect(404);
      await other.post('/v1/keywords', { term: 'mine', brandId: foreignBrand }).expect(404);
      await owner.get(`/v1/keywords/${id}`).expect(200);
      expect((await other.get('/v1/keywords').expect(200)).body.items).toEqual([]);

      for (const body of [{}, { term: '   ' }, { term: 'x'.repeat(201) }, { term: 'ok', intent: 'curious' }, { term: 'ok', extra: 1 }]) await other.post('/v1/keywords', body).expect(400);
      await owner.patch(`/v1/keywords/${id}`, { intent: 'curious' }).expect(400);
      await owner.patch(`/v1/keywords/${id}`, { term: 'renamed' }).expect(400);
      await owner.get('/v1/keywords/not-a-uuid').expect(400);
    });
  });

  describe('/v1/editorial-entries', () => {
    const entry = (overrides: object = {}) => ({ title: 'Cold brew at home', format: 'how_to', plannedFor: '2027-01-07', ...overrides });

    it("should create a person's entry, PLANNED by default, with its keyword's brand", async () => {
      const who = await sut.tenant('ed');
      const api = as(who);
      const brandId = await brandOf(who);
      const keyword = (await api.post('/v1/keywords', { term: 'cold brew', brandId }).expect(201)).body;

      const created = documented('POST', '/v1/editorial-entries', await api.post('/v1/editorial-entries', entry({ keywordId: keyword.id, channel: 'blog', brief: 'Steep 18 hours.' })).expect(201));
      const proposed = (await api.post('/v1/editorial-entries', entry({ status: 'PROPOSED' })).expect(201)).body;

      expect(created).toMatchObject({ title: 'Cold brew at home', format: 'how_to', channel: 'blog', brief: 'Steep 18 hours.', plannedFor: '2027-01-07', status: 'PLANNED', keywordId: keyword.id, brandId, runId: null, campaignId: null });
      expect(proposed).toMatchObject({ status: 'PROPOSED', keywordId: null, brandId: null, channel: null, brief: null });
      expect(documented('GET', '/v1/editorial-entries/{entryId}', await api.get(`/v1/editorial-entries/${created.id}`).expect(200))).toEqual(created);
    });

    it('should list by planned day, page by page, filtered by status, days and keyword', async () => {
      const api = as(await sut.tenant('ed-list'));
      const keyword = (await api.post('/v1/keywords', { term: 'latte art' }).expect(201)).body;
      const days = ['2027-01-20', '2027-01-05', '2027-01-05', '2027-02-01', '2026-12-31'];
      const ids: string[] = [];
      for (const [i, day] of days.entries()) ids.push((await api.post('/v1/editorial-entries', entry({ plannedFor: day, status: i === 0 ? 'PROPOSED' : 'PLANNED', ...(i === 3 ? { keywordId: keyword.id } : {}) })).expect(201)).body.id);

      const seen: Array<{ id: string; plannedFor: string }> = [];
      let cursor: string | null = null;
      do {
        const page = documented('GET', '/v1/editorial-entries', await api.get(`/v1/editorial-entries?limit=2${cursor ? `&cursor=${cursor}` : ''}`).expect(200));
        seen.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor);

      expect(seen.map((e) => e.plannedFor)).toEqual(['2026-12-31', '2027-01-05', '2027-01-05', '2027-01-20', '2027-02-01']);
      expect(new Set(seen.map((e) => e.id))).toEqual(new Set(ids));
      const list = async (query: string) => (await api.get(`/v1/editorial-entries?${query}`).expect(200)).body.items.map((e: { id: string }) => e.id);
      expect(await list('status=PROPOSED')).toEqual([ids[0]]);
      expect(await list('from=2027-01-05&to=2027-01-20')).toHaveLength(3);
      expect(await list('from=2027-01-06')).toEqual([ids[0], ids[3]]);
      expect(await list(`keywordId=${keyword.id}`)).toEqual([ids[3]]);
      await api.get('/v1/editorial-entries?from=2027-02-01&to=2027-01-01').expect(400);
      await api.get('/v1/editorial-entries?from=2027-02-30').expect(400);
      await api.get('/v1/editorial-entries?status=LATER').expect(400);
      await api.get('/v1/editorial-entries?cursor=abc').expect(400);
    });

    it("should answer the demo organization's seeded calendar and keywords as documented", async () => {
      const demo = as({ organizationId: sut.organizationId, userId: sut.userId, apiKey: sut.apiKey });

      const calendar = documented('GET', '/v1/editorial-entries', await demo.get('/v1/editorial-entries').expect(200));
      const keywords = documented('GET', '/v1/keywords', await demo.get('/v1/keywords').expect(200));

      expect(calendar.items.length).toBeGreaterThan(0);
      expect(keywords.items.length).toBeGreaterThan(0);
    });

    it('should move an entry one step at a time or drop it, and answer 409 for any other move', async () => {
      const api = as(await sut.tenant('ed-move'));
      const { id } = (await api.post('/v1/editorial-entries', entry({ status: 'PROPOSED' })).expect(201)).body;
      const move = (status: string) => api.patch(`/v1/editorial-entries/${id}`, { status });

      await move('IN_PROGRESS').expect(409);
      await move('DONE').expect(409);
      await move('PLANNED').expect(200);
      await move('PLANNED').expect(200);
      await move('PROPOSED').expect(409);
      const inProgress = documented('PATCH', '/v1/editorial-entries/{entryId}', await move('IN_PROGRESS').expect(200));
      const refused = await move('PLANNED').expect(409);
      await move('DONE').expect(200);
      await move('DROPPED').expect(200);
      await move('PLANNED').expect(409);

      expect(inProgress.status).toBe('IN_PROGRESS');
      expect(refused.body.message).toContain('cannot move from IN_PROGRESS to PLANNED');
      expect((await api.get(`/v1/editorial-entries/${id}`).expect(200)).body.status).toBe('DROPPED');
    });

    it('should change the fields sent and clear brief and channel with null', async () => {
      const api = as(await sut.tenant('ed-edit'));
      const { id } = (await api.post('/v1/editorial-entries', entry({ brief: 'old', channel: 'blog' })).expect(201)).body;

      const changed = (await api.patch(`/v1/editorial-entries/${id}`, { title: 'Iced  latte', format: 'video', plannedFor: '2027-03-01', brief: null, channel: null }).expect(200)).body;

      expect(changed).toMatchObject({ title: 'Iced latte', format: 'video', plannedFor: '2027-03-01', brief: null, channel: null, status: 'PLANNED' });
      for (const body of [{ title: null }, { format: null }, { plannedFor: '2027-13-01' }, { status: null }, { format: 'poem' }, { keywordId: randomUUID() }]) await api.patch(`/v1/editorial-entries/${id}`, body).expect(400);
    });

    it("should answer 404 for another organization's entry, keyword or brand, and 400 for bad input", async () => {
      const owner = await sut.tenant('ed-owner');
      const stranger = as(await sut.tenant('ed-stranger'));
      const keyword = (await as(owner).post('/v1/keywords', { term: 'moka pot' }).expect(201)).body;
      const created = (await as(owner).post('/v1/editorial-entries', entry()).expect(201)).body;

      await stranger.get(`/v1/editorial-entries/${created.id}`).expect(404);
      await stranger.patch(`/v1/editorial-entries/${created.id}`, { title: 'mine' }).expect(404);
      await stranger.patch(`/v1/editorial-entries/${created.id}`, { status: 'DROPPED' }).expect(404);
      await stranger.post('/v1/editorial-entries', entry({ keywordId: keyword.id })).expect(404);
      await stranger.post('/v1/editorial-entries', entry({ brandId: await brandOf(owner) })).expect(404);
      expect((await stranger.get('/v1/editorial-entries').expect(200)).body.items).toEqual([]);
      expect((await as(owner).get(`/v1/editorial-entries/${created.id}`).expect(200)).body.title).toBe('Cold brew at home');

      for (const body of [{}, entry({ title: '' }), entry({ plannedFor: '07/01/2027' }), entry({ plannedFor: '2027-02-29' }), entry({ status: 'DONE' }), entry({ format: 'poem' })]) {
        await stranger.post('/v1/editorial-entries', body).expect(400);
      }
    });
  });
});
