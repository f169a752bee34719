import { bearer } from '../support/app';
import { useE2eApp } from '../support/e2e-context';

interface CampaignBody {
  id: string;
  status: string;
  name: string;
  channels: string[];
  settings: Record<string, unknown>;
}

/** Campaigns over HTTP: what a person creates, edits before launch and reads back; the launch's chain runs in campaign-launch.e2e-spec.ts. */
describe('Campaigns API', () => {
  const sut = useE2eApp();
  const auth = (key = sut.apiKey) => bearer(key);
  const demoBrand = async () => (await sut.sql.query("SELECT id FROM brands WHERE organization_id = $1 AND name = 'Northwind Coffee'", [sut.organizationId])).rows[0].id as string;
  const demoPersona = async () => (await sut.sql.query('SELECT id FROM personas WHERE organization_id = $1 LIMIT 1', [sut.organizationId])).rows[0].id as string;
  const create = (body: object, key?: string) => sut.http.post('/v1/campaigns').set(auth(key)).send(body);
  const valid = () => ({ name: `Spring ${Math.random().toString(36).slice(2, 8)}`, goal: 'Sell out the spring single origins', channels: ['email', 'social'], audience: { emails: ['ana@example.com'] }, settings: { networks: ['x'] } });

  it('should create a DRAFT campaign for the brand and persona, and read it back with its (empty) activity', async () => {
    const res = await create({ ...valid(), brandId: await demoBrand(), personaId: await demoPersona() }).expect(201);

    expect(res.body).toMatchObject({ status: 'DRAFT', channels: ['email', 'social'], audience: { emails: ['ana@example.com'] }, settings: { networks: ['x'] } });
    const detail = await sut.http.get(`/v1/campaigns/${res.body.id}`).set(auth()).expect(200);
    expect(detail.body).toMatchObject({ id: res.body.id, runs: [], contents: [], sends: { byStatus: {}, recent: [] }, posts: [], metrics: [] });
  });

  it.each([
    ['no goal', { goal: undefined }],
    ['an unknown channel', { channels: ['fax'] }],
    ['no channel', { channels: [] }],
    ['a malformed email', { audience: { emails: ['not-an-email'] } }],
    ['a phone not in E.164', { audience: { phones: ['555-0100'] } }],
    ['an unknown network', { settings: { networks: ['myspace'] } }],
    ['an extra property', { budget: 100 }],
  ])('should refuse %s with 400', async (_case, change) => {
    const res = await create({ ...valid(), ...change }).expect(400);

    expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
  });

  it("should answer 404 for another organization's brand, persona and campaign", async () => {
    const other = await sut.tenant('campaigns-other');

    await create({ ...valid(), brandId: await demoBrand() }, other.apiKey).expect(404);
    await create({ ...valid(), personaId: await demoPersona() }, other.apiKey).expect(404);
    const mine = await create(valid()).expect(201);
    await sut.http.get(`/v1/campaigns/${mine.body.id}`).set(auth(other.apiKey)).expect(404);
    await sut.http.patch(`/v1/campaigns/${mine.body.id}`).set(auth(other.apiKey)).send({ goal: 'theirs' }).expect(404);
    await sut.http.post(`/v1/campaigns/${mine.body.id}/launch`).set(auth(other.apiKey)).expect(404);
    await sut.http.get('/v1/campaigns/not-a-uuid').set(auth()).expect(400);
  });

  it('should list newest first with filters and cursor pages that lose nothing', async () => {
    const tenant = await sut.tenant('campaigns-list');
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await create(valid(), tenant.apiKey).expect(201)).body.id);

    const first = await sut.http.get('/v1/campaigns?limit=2').set(auth(tenant.apiKey)).expect(200);
    const second = await sut.http.get(`/v1/campaigns?limit=2&cursor=${first.body.nextCursor}`).set(auth(tenant.apiKey)).expect(200);
    const third = await sut.http.get(`/v1/campaigns?limit=2&cursor=${second.body.nextCursor}`).set(auth(tenant.apiKey)).expect(200);

    expect([...first.body.items, ...second.body.items, ...third.body.items].map((c: CampaignBody) => c.id)).toEqual([...ids].reverse());
    expect(third.body.nextCursor).toBeNull();
    const drafts = await sut.http.get('/v1/campaigns?status=DRAFT&limit=100').set(auth(tenant.apiKey)).expect(200);
    expect(drafts.body.items).toHaveLength(5);
    const active = await sut.http.get('/v1/campaigns?status=ACTIVE').set(auth(tenant.apiKey)).expect(200);
    expect(active.body.items).toHaveLength(0);
    await sut.http.get('/v1/campaigns?status=SOMETIMES').set(auth(tenant.apiKey)).expect(400);
    await sut.http.get('/v1/campaigns?cursor=garbage').set(auth(tenant.apiKey)).expect(400);
  });

  it('should edit a draft (settings merge), then launch it once: a second launch and later edits are 409', async () => {
    const created = await create(valid()).expect(201);

    const edited = await sut.http.patch(`/v1/campaigns/${created.body.id}`).set(auth()).send({ goal: 'Sell out by Friday', settings: { contentFormat: 'blog_post' } }).expect(200);
    expect(edited.body).toMatchObject({ goal: 'Sell out by Friday', settings: { networks: ['x'], contentFormat: 'blog_post' } });

    const launched = await sut.http.post(`/v1/campaigns/${created.body.id}/launch`).set(auth()).expect(202);
    expect(launched.body.campaign).toMatchObject({ status: 'LAUNCHING' });
    const run = await sut.http.get(`/v1/runs/${launched.body.runId}`).set(auth()).expect(200);
    expect(run.body).toMatchObject({ agent: 'campaign-launch', campaignId: created.body.id });

    await sut.http.post(`/v1/campaigns/${created.body.id}/launch`).set(auth()).expect(409);
    await sut.http.patch(`/v1/campaigns/${created.body.id}`).set(auth()).send({ goal: 'too late' }).expect(409);
  });

  it('should refuse to run the launch agent directly (it is a campaign step)', async () => {
    const created = await create(valid()).expect(201);

    await sut.http.post('/v1/runs').set(auth()).send({ agent: 'campaign-launch', input: { campaignId: created.body.id } }).expect(400);
  });
});
