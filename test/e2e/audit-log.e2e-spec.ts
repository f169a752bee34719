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
});
