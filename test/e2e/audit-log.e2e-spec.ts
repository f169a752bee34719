import { bearer } from '../support/app';
import { useE2eApp } from '../support/e2e-context';

interface AuditRow {
  id: string;
  organization_id: string;
  actor_user_id: string | null;
  api_key_id: string | null;
  action: string;
  target_type: string;
  target_id: string | null;
  metadata: Record<string, unknown>;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  request_id: string | null;
  ip: string | null;
  status_code: number | null;
}

describe('Audit trail (GET /v1/audit-log and the entries changes write)', () => {
  const sut = useE2eApp();

  const entriesOf = async (requestId: string): Promise<AuditRow[]> => (await sut.sql.query<AuditRow>('SELECT * FROM audit_logs WHERE request_id = $1', [requestId])).rows;
  const callerKeyId = async (): Promise<string> => (await sut.sql.query<{ id: string }>("SELECT id FROM api_keys WHERE organization_id = $1 AND revoked_at IS NULL ORDER BY created_at LIMIT 1", [sut.organizationId])).rows[0].id;

  it('should write exactly one entry for a state-changing request, with its actor, organization, address, request id and resource', async () => {
    const res = await sut.http.post('/v1/brands').set(bearer(sut.apiKey)).send({ name: `Audited ${Date.now()}` }).expect(201);
    const requestId = res.headers['x-request-id'];
    expect(requestId).toBeTruthy();

    const entries = await entriesOf(requestId);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      organization_id: sut.organizationId,
      actor_user_id: sut.userId,
      api_key_id: await callerKeyId(),
      action: 'brands.create',
      target_type: 'brands',
      target_id: res.body.id,
      status_code: 201,
      metadata: { method: 'POST', route: '/v1/brands', operationId: expect.any(String) },
    });
    expect(entries[0].ip).toMatch(/127\.0\.0\.1|::1/);
    // The route, never the body.
    expect(JSON.stringify(entries[0].metadata)).not.toContain('Audited');
  });

  it('should write no entry for a read, nor for a request that failed', async () => {
    const read = await sut.http.get('/v1/brands').set(bearer(sut.apiKey)).expect(200);
    expect(await entriesOf(read.headers['x-request-id'])).toHaveLength(0);
    const refused = await sut.http.post('/v1/brands').set(bearer(sut.apiKey)).send({}).expect(400);
    expect(await entriesOf(refused.headers['x-request-id'])).toHaveLength(0);
    const missing = await sut.http.delete('/v1/brands/00000000-0000-4000-8000-000000000000').set(bearer(sut.apiKey)).expect(404);
    expect(await entriesOf(missing.headers['x-request-id'])).toHaveLength(0);
  });

  it('should write one entry for a change audited explicitly (an API key), not a second one for the request', async () => {
    const res = await sut.http.post('/v1/api-keys').set(bearer(sut.apiKey)).send({ name: 'audited' }).expect(201);
    const entries = await entriesOf(res.headers['x-request-id']);
    expect(entries.map((e) => e.action)).toEqual(['api_key.created']);
    expect(entries[0]).toMatchObject({ actor_user_id: sut.userId, api_key_id: await callerKeyId(), target_id: res.body.id });
    expect(entries[0].ip).toBeTruthy();
    expect(JSON.stringify(entries[0])).not.toContain(res.body.key);
  });

  it('should write no second entry for a replayed request (same Idempotency-Key): nothing changed', async () => {
    const send = () => sut.http.post('/v1/runs').set(bearer(sut.apiKey)).set('Idempotency-Key', `audit-${process.pid}`).send({ agent: 'echo', input: { message: 'once' } });
    const first = await send().expect(201);
    const replay = await send().expect(200);

    expect(await entriesOf(first.headers['x-request-id'])).toEqual([expect.objectContaining({ action: 'runs.create', target_type: 'runs', target_id: first.body.id, status_code: 201 })]);
    expect(await entriesOf(replay.headers['x-request-id'])).toHaveLength(0);
  });

  it("should write an approval decision's entry in the decision's own statement, with the edited fields named", async () => {
    const run = await sut.http.post('/v1/runs').set(bearer(sut.apiKey)).send({ agent: 'echo', input: { message: 'hello', requireApproval: true } }).expect(202);
    const { rows } = await sut.sql.query<{ id: string }>('SELECT id FROM run_approvals WHERE run_id = $1', [run.body.id]);
    const res = await sut.http
      .post(`/v1/runs/${run.body.id}/approvals/${rows[0].id}`)
      .set(bearer(sut.apiKey))
      .send({ decision: 'approve', edits: { message: 'hello, edited' }, comment: 'fine' })
      .expect(200);

    const entries = await entriesOf(res.headers['x-request-id']);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      organization_id: sut.organizationId,
      actor_user_id: sut.userId,
      api_key_id: await callerKeyId(),
      action: 'approval.approved',
      target_type: 'run_approval',
      target_id: rows[0].id,
      metadata: { runId: run.body.id, step: expect.any(Number), agent: 'echo', edited: true, editedFields: ['message'], commented: true },
    });
    expect(entries[0].ip).toBeTruthy();
    // The fields' names, not what the reviewer wrote.
    expect(JSON.stringify(entries[0])).not.toContain('hello, edited');

    const again = await sut.http.post(`/v1/runs/${run.body.id}/approvals/${rows[0].id}`).set(bearer(sut.apiKey)).send({ decision: 'reject' }).expect(409);
    expect(await entriesOf(again.headers['x-request-id'])).toHaveLength(0);
  });

  it('should keep the values a configuration change replaced and set', async () => {
    await sut.http.put('/v1/agents/echo/config').set(bearer(sut.apiKey)).send({ temperature: 0.3, promptHints: ['be brief'] }).expect(200);
    const res = await sut.http.put('/v1/agents/echo/config').set(bearer(sut.apiKey)).send({ temperature: 0.5, promptHints: ['be brief'] }).expect(200);

    const entries = await entriesOf(res.headers['x-request-id']);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ action: 'agent_config.changed', target_type: 'agent_config', actor_user_id: sut.userId, before: { temperature: 0.3 }, after: { temperature: 0.5 } });
  });

  it("should keep a webhook endpoint's settings before and after each change, without the URL's query", async () => {
    const created = await sut.http.post('/v1/webhooks').set(bearer(sut.apiKey)).send({ url: 'https://93.184.216.34/hooks?token=s3cret', events: ['run.completed'] }).expect(201);
    const changed = await sut.http.patch(`/v1/webhooks/${created.body.id}`).set(bearer(sut.apiKey)).send({ events: ['run.failed'], enabled: false }).expect(200);
    const removed = await sut.http.delete(`/v1/webhooks/${created.body.id}`).set(bearer(sut.apiKey)).expect(204);

    const [create] = await entriesOf(created.headers['x-request-id']);
    expect(create).toMatchObject({ action: 'webhook.created', target_type: 'webhook_endpoint', target_id: created.body.id, before: null, after: { url: 'https://93.184.216.34/hooks', events: ['run.completed'], enabled: true } });
    expect(await entriesOf(changed.headers['x-request-id'])).toEqual([
      expect.objectContaining({ action: 'webhook.updated', before: { events: ['run.completed'], enabled: true }, after: { events: ['run.failed'], enabled: false }, metadata: { fields: ['events', 'enabled'] } }),
    ]);
    expect(await entriesOf(removed.headers['x-request-id'])).toEqual([expect.objectContaining({ action: 'webhook.deleted', before: expect.objectContaining({ events: ['run.failed'] }), after: null })]);
    const { rows } = await sut.sql.query('SELECT * FROM audit_logs WHERE target_id = $1', [created.body.id]);
    expect(JSON.stringify(rows)).not.toContain('s3cret');
    expect(JSON.stringify(rows)).not.toContain(created.body.secret);
  });

  it("should keep a schedule's settings before and after a change", async () => {
    const created = await sut.http.post('/v1/schedules').set(bearer(sut.apiKey)).send({ agent: 'echo', input: { message: 'tick' }, cron: '0 9 * * *' }).expect(201);
    const changed = await sut.http.patch(`/v1/schedules/${created.body.id}`).set(bearer(sut.apiKey)).send({ cron: '0 10 * * *', timezone: 'Europe/Paris' }).expect(200);

    expect(await entriesOf(created.headers['x-request-id'])).toEqual([
      expect.objectContaining({ action: 'schedule.created', target_type: 'schedule', target_id: created.body.id, after: expect.objectContaining({ agent: 'echo', cron: '0 9 * * *', timezone: 'UTC' }) }),
    ]);
    expect(await entriesOf(changed.headers['x-request-id'])).toEqual([
      expect.objectContaining({ action: 'schedule.updated', before: { cron: '0 9 * * *', timezone: 'UTC' }, after: { cron: '0 10 * * *', timezone: 'Europe/Paris' } }),
    ]);
    await sut.http.delete(`/v1/schedules/${created.body.id}`).set(bearer(sut.apiKey)).expect(204);
  });

  describe('a change that rolls back', () => {
    afterEach(async () => {
      await sut.sql.query('DROP TRIGGER IF EXISTS refuse_at_commit ON api_keys');
      await sut.sql.query('DROP TRIGGER IF EXISTS refuse_entry ON audit_logs');
      await sut.sql.query('DROP FUNCTION IF EXISTS test_refuse()');
    });

    it('should leave no audit entry when the change fails after its entry was written', async () => {
      // Checked at commit, after the key and its entry were both written: the whole transaction rolls back.
      await sut.sql.query("CREATE FUNCTION test_refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused by the test'; END $$");
      await sut.sql.query("CREATE CONSTRAINT TRIGGER refuse_at_commit AFTER INSERT ON api_keys DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (NEW.name = 'doomed') EXECUTE FUNCTION test_refuse()");

      const res = await sut.http.post('/v1/api-keys').set(bearer(sut.apiKey)).send({ name: 'doomed' });
      expect(res.status).toBeGreaterThanOrEqual(500);
      expect(res.body.requestId).toBe(res.headers['x-request-id']);
      expect(await entriesOf(res.headers['x-request-id'])).toHaveLength(0);
      expect((await sut.sql.query("SELECT 1 FROM api_keys WHERE name = 'doomed'")).rowCount).toBe(0);
    });

    it('should undo the change when its audit entry cannot be written', async () => {
      await sut.sql.query("CREATE FUNCTION test_refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused by the test'; END $$");
      await sut.sql.query("CREATE TRIGGER refuse_entry BEFORE INSERT ON audit_logs FOR EACH ROW WHEN (NEW.metadata->>'name' = 'unaudited') EXECUTE FUNCTION test_refuse()");

      const res = await sut.http.post('/v1/api-keys').set(bearer(sut.apiKey)).send({ name: 'unaudited' });
      expect(res.status).toBeGreaterThanOrEqual(500);
      expect((await sut.sql.query("SELECT 1 FROM api_keys WHERE name = 'unaudited'")).rowCount).toBe(0);
    });
  });

  describe('GET /v1/audit-log', () => {

    const list = (apiKey: string, query: Record<string, string | number> = {}) => sut.http.get('/v1/audit-log').set(bearer(apiKey)).query(query);

    it("should page an organization's entries newest first with cursors, filter them, and show no other organization's", async () => {
      const tenant = await sut.tenant('audited');
      const made: Array<{ requestId: string; id: string }> = [];
      for (const name of ['first', 'second', 'third']) {
        const res = await sut.http.post('/v1/brands').set(bearer(tenant.apiKey)).send({ name }).expect(201);
        made.push({ requestId: res.headers['x-request-id'], id: res.body.id });
      }
      const key = await sut.http.post('/v1/api-keys').set(bearer(tenant.apiKey)).send({ name: 'tenant key' }).expect(201);
      // Another organization's change, which the tenant never sees.
      const other = await sut.http.post('/v1/brands').set(bearer(sut.apiKey)).send({ name: 'not theirs' }).expect(201);

      const pages: Array<Array<{ id: string; action: string; resourceId: string | null; requestId: string | null }>> = [];
      let cursor: string | null = null;
      do {
        const query: Record<string, string | number> = cursor ? { limit: 2, cursor } : { limit: 2 };
        const res: { body: { items: (typeof pages)[number]; nextCursor: string | null } } = await list(tenant.apiKey, query).expect(200);
        pages.push(res.body.items);
        cursor = res.body.nextCursor;
      } while (cursor);
      expect(pages.map((p) => p.length)).toEqual([2, 2]);
      const all = pages.flat();
      expect(all.map((e) => e.action)).toEqual(['api_key.created', 'brands.create', 'brands.create', 'brands.create']);
      expect(all.slice(1).map((e) => e.resourceId)).toEqual([made[2].id, made[1].id, made[0].id]);
      expect(all[0]).toMatchObject({ actorUserId: tenant.userId, resourceType: 'api_key', resourceId: key.body.id, requestId: key.headers['x-request-id'], ip: expect.any(String) });
      expect(JSON.stringify(all)).not.toContain(other.body.id);

      const byAction = await list(tenant.apiKey, { action: 'brands.create' }).expect(200);
      expect(byAction.body.items).toHaveLength(3);
      const byResource = await list(tenant.apiKey, { resourceType: 'brands', resourceId: made[1].id }).expect(200);
      expect(byResource.body.items.map((e: { requestId: string }) => e.requestId)).toEqual([made[1].requestId]);
      const byRequest = await list(tenant.apiKey, { requestId: made[0].requestId }).expect(200);
      expect(byRequest.body.items.map((e: { resourceId: string }) => e.resourceId)).toEqual([made[0].id]);
      expect((await list(tenant.apiKey, { actorUserId: tenant.userId }).expect(200)).body.items).toHaveLength(4);
      expect((await list(tenant.apiKey, { actorUserId: sut.userId }).expect(200)).body.items).toHaveLength(0);
      expect((await list(tenant.apiKey, { requestId: other.headers['x-request-id'] }).expect(200)).body.items).toHaveLength(0);

      const { rows } = await sut.sql.query<{ created_at: Date }>('SELECT created_at FROM audit_logs WHERE request_id = $1', [made[1].requestId]);
      const at = rows[0].created_at;
      const since = await list(tenant.apiKey, { action: 'brands.create', since: at.toISOString() }).expect(200);
      expect(since.body.items.map((e: { resourceId: string }) => e.resourceId)).toEqual([made[2].id, made[1].id]);
      const until = await list(tenant.apiKey, { action: 'brands.create', until: at.toISOString() }).expect(200);
      expect(until.body.items.map((e: { resourceId: string }) => e.resourceId)).toEqual([made[0].id]);
    });

    it.each([
      ['an actor that is not a UUID', { actorUserId: 'someone' }],
      ['a time that is not one', { since: 'yesterday' }],
      ['a time range that ends before it starts', { since: '2026-02-01T00:00:00Z', until: '2026-01-01T00:00:00Z' }],
      ['an action that is no action name', { action: 'DROP TABLE' }],
      ['a cursor this API did not issue', { cursor: 'not-a-cursor' }],
      ['a page size out of range', { limit: 0 }],
      ['a filter the list does not have', { organizationId: '00000000-0000-4000-8000-000000000000' }],
    ])('should answer 400 for %s', async (_what, query) => {
      const res = await list(sut.apiKey, query).expect(400);
      expect(res.body).toEqual({ statusCode: 400, error: 'Bad Request', message: expect.any(String), requestId: res.headers['x-request-id'] });
    });

    it('should answer 401 without an API key', async () => {
      await sut.http.get('/v1/audit-log').expect(401);
    });
  });
});
