import { bearer } from '../support/app';
import { useE2eApp } from '../support/e2e-context';

/**
 * The endpoints API under the default configuration: private and loopback URLs are refused, the
 * secret is answered once, events are checked, and another organization's endpoint is not found.
 */
describe('Webhooks API', () => {
  const sut = useE2eApp();

  const create = (body: object, apiKey = sut.apiKey) => sut.http.post('/v1/webhooks').set(bearer(apiKey)).send(body);
  const PUBLIC_URL = 'https://93.184.216.34/hooks/neonhub';

  it('should register an endpoint and answer its signing secret once, never on a read', async () => {
    const created = await create({ url: PUBLIC_URL, events: ['run.completed', 'run.failed', 'run.completed'], description: 'CRM' }).expect(201);

    expect(created.body).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      url: PUBLIC_URL,
      events: ['run.completed', 'run.failed'],
      description: 'CRM',
      enabled: true,
      disabledReason: null,
      consecutiveFailures: 0,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
      secret: expect.stringMatching(/^whsec_[A-Za-z0-9+/]{32}$/),
    });
    const read = await sut.http.get(`/v1/webhooks/${created.body.id}`).set(bearer(sut.apiKey)).expect(200);
    const listed = await sut.http.get('/v1/webhooks').set(bearer(sut.apiKey)).expect(200);
    expect(read.body).not.toHaveProperty('secret');
    expect(listed.body.items.find((item: { id: string }) => item.id === created.body.id)).not.toHaveProperty('secret');
    const stored = await sut.sql.query('SELECT secret_ciphertext FROM webhook_endpoints WHERE id = $1', [created.body.id]);
    expect(stored.rows[0].secret_ciphertext).not.toContain(created.body.secret.slice('whsec_'.length));
  });

  it.each([
    ['a loopback address', 'http://127.0.0.1:8080/hook', 'loopback'],
    ['a name that resolves to loopback', 'http://localhost:8080/hook', 'loopback'],
    ['the cloud metadata address', 'http://169.254.169.254/latest', 'linkLocal'],
    ['a private address', 'https://10.0.0.7/hook', 'private'],
  ])('should refuse %s with a 400 that says why', async (_case, url, range) => {
    const res = await create({ url, events: ['run.completed'] }).expect(400);

    expect(res.body).toEqual({ statusCode: 400, error: 'Bad Request', message: expect.stringContaining(`url points at a ${range} address`), requestId: expect.any(String) });
    expect(res.body.message).toContain('WEBHOOK_ALLOW_PRIVATE_URLS');
  });

  it.each([
    ['ftp://93.184.216.34/x', 'url must be http or https'],
    ['not a url', 'url must be an absolute http or https URL'],
    ['https://user:pass@93.184.216.34/x', 'url must not carry credentials'],
  ])('should refuse the URL %j', async (url, message) => {
    const res = await create({ url, events: ['run.completed'] }).expect(400);

    expect(res.body.message).toContain(message);
  });

  it('should refuse an unknown event name, naming the ones there are', async () => {
    const res = await create({ url: PUBLIC_URL, events: ['run.completed', 'run.exploded'] }).expect(400);

    expect(res.body).toEqual({ statusCode: 400, error: 'Bad Request', message: expect.stringContaining('each value in events must be one of run.completed, run.failed'), requestId: expect.any(String) });
    await create({ url: PUBLIC_URL, events: [] }).expect(400);
  });

  it("should answer 404 for another organization's endpoint, on every route, and leave it alone", async () => {
    const other = await sut.tenant('webhooks');
    const theirs = (await create({ url: PUBLIC_URL, events: ['run.failed'] }, other.apiKey).expect(201)).body;
    const delivery = '00000000-0000-4000-8000-000000000000';

    await sut.http.get(`/v1/webhooks/${theirs.id}`).set(bearer(sut.apiKey)).expect(404);
    await sut.http.patch(`/v1/webhooks/${theirs.id}`).set(bearer(sut.apiKey)).send({ enabled: false }).expect(404);
    await sut.http.get(`/v1/webhooks/${theirs.id}/deliveries`).set(bearer(sut.apiKey)).expect(404);
    await sut.http.post(`/v1/webhooks/${theirs.id}/deliveries/${delivery}/retry`).set(bearer(sut.apiKey)).expect(404);
    const res = await sut.http.delete(`/v1/webhooks/${theirs.id}`).set(bearer(sut.apiKey)).expect(404);

    expect(res.body.message).toBe(`webhook ${theirs.id} not found`);
    const listed = await sut.http.get('/v1/webhooks').set(bearer(sut.apiKey)).expect(200);
    expect(listed.body.items.map((item: { id: string }) => item.id)).not.toContain(theirs.id);
    expect((await sut.http.get(`/v1/webhooks/${theirs.id}`).set(bearer(other.apiKey)).expect(200)).body.enabled).toBe(true);
  });

  it('should change the fields sent, say who disabled an endpoint, and delete it with 204', async () => {
    const { id } = (await create({ url: PUBLIC_URL, events: ['run.completed'] }).expect(201)).body;

    const changed = await sut.http.patch(`/v1/webhooks/${id}`).set(bearer(sut.apiKey)).send({ events: ['run.waiting'], description: 'ops', enabled: false }).expect(200);
    expect(changed.body).toMatchObject({ url: PUBLIC_URL, events: ['run.waiting'], description: 'ops', enabled: false, disabledReason: 'disabled by a user' });
    await sut.http.patch(`/v1/webhooks/${id}`).set(bearer(sut.apiKey)).send({ url: 'http://127.0.0.1/x' }).expect(400);

    await sut.http.delete(`/v1/webhooks/${id}`).set(bearer(sut.apiKey)).expect(204);
    await sut.http.get(`/v1/webhooks/${id}`).set(bearer(sut.apiKey)).expect(404);
  });

  it('should page the list newest first with a cursor', async () => {
    const tenant = await sut.tenant('pages');
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await create({ url: `${PUBLIC_URL}/${i}`, events: ['run.failed'] }, tenant.apiKey).expect(201)).body.id);

    const first = await sut.http.get('/v1/webhooks').query({ limit: 2 }).set(bearer(tenant.apiKey)).expect(200);
    const second = await sut.http.get('/v1/webhooks').query({ limit: 2, cursor: first.body.nextCursor }).set(bearer(tenant.apiKey)).expect(200);

    expect([...first.body.items, ...second.body.items].map((item: { id: string }) => item.id)).toEqual(ids.reverse());
    expect(second.body.nextCursor).toBeNull();
    await sut.http.get('/v1/webhooks').query({ cursor: 'bogus' }).set(bearer(tenant.apiKey)).expect(400);
  });
});
