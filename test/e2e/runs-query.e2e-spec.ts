import { randomUUID } from 'node:crypto';
import { loadConfig } from '../../src/config/app-config';
import { bearer } from '../support/app';
import { useE2eApp } from '../support/e2e-context';
import type { Tenant } from '../support/tenants';

interface RunSummary {
  id: string;
  status: string;
  createdAt: string;
  toolExecutions?: unknown;
}

describe('GET /v1/runs and GET /v1/runs/:id', () => {
  // Some runs here fail on purpose; the high threshold keeps the echo circuit out of the way.
  const sut = useE2eApp({ config: { runs: { ...loadConfig().runs, circuitFailureThreshold: 100 } } });

  /** Sequential on purpose: each run is created after the previous one answered, so creation order is defined. */
  async function runSequentially(tenant: Tenant, inputs: object[]): Promise<RunSummary[]> {
    const runs: RunSummary[] = [];
    for (const input of inputs) runs.push((await sut.http.post('/v1/runs').set(bearer(tenant.apiKey)).send({ agent: 'echo', input }).expect(201)).body);
    return runs;
  }

  const list = (tenant: Tenant, query: Record<string, string | number>) => sut.http.get('/v1/runs').set(bearer(tenant.apiKey)).query(query);
  const idsOf = (res: { body: { items: RunSummary[] } }) => res.body.items.map((r) => r.id);

  async function pageThrough(tenant: Tenant, limit: number): Promise<{ ids: string[]; pageSizes: number[] }> {
    const ids: string[] = [];
    const pageSizes: number[] = [];
    let cursor: string | null = null;
    do {
      const res: { body: { items: RunSummary[]; nextCursor: string | null } } = await list(tenant, cursor ? { limit, cursor } : { limit }).expect(200);
      ids.push(...idsOf(res));
      pageSizes.push(res.body.items.length);
      cursor = res.body.nextCursor;
    } while (cursor !== null && pageSizes.length <= 10);
    return { ids, pageSizes };
  }

  it('should filter by agent and by status', async () => {
    const tenant = await sut.tenant();
    const [first, failed, last] = await runSequentially(tenant, [{}, { fail: 'fatal' }, {}]);

    expect(idsOf(await list(tenant, { status: 'FAILED' }).expect(200))).toEqual([failed.id]);
    expect(idsOf(await list(tenant, { status: 'COMPLETED' }).expect(200))).toEqual([last.id, first.id]);
    expect(idsOf(await list(tenant, { agent: 'echo' }).expect(200))).toEqual([last.id, failed.id, first.id]);
    expect(idsOf(await list(tenant, { agent: 'echo', status: 'FAILED' }).expect(200))).toEqual([failed.id]);
    expect(idsOf(await list(tenant, { agent: 'no-such-agent' }).expect(200))).toEqual([]);
    expect(idsOf(await list(tenant, { status: 'TIMED_OUT' }).expect(200))).toEqual([]);
  });

  it('should filter by creation time: since inclusive, until exclusive', async () => {
    const tenant = await sut.tenant();
    const [a, b, c] = await runSequentially(tenant, [{}, {}, {}]);

    expect(idsOf(await list(tenant, { since: b.createdAt }).expect(200))).toEqual([c.id, b.id]);
    expect(idsOf(await list(tenant, { until: b.createdAt }).expect(200))).toEqual([a.id]);
    expect(idsOf(await list(tenant, { since: a.createdAt, until: c.createdAt }).expect(200))).toEqual([b.id, a.id]);
    expect(idsOf(await list(tenant, { since: new Date(Date.parse(c.createdAt) + 1).toISOString() }).expect(200))).toEqual([]);
  });

  it('should page through runs newest first, each exactly once, and end with a null cursor', async () => {
    const tenant = await sut.tenant();
    const created = await runSequentially(tenant, [{}, {}, {}, {}, {}]);

    const { ids, pageSizes } = await pageThrough(tenant, 2);

    expect(pageSizes).toEqual([2, 2, 1]);
    expect(ids).toEqual(created.map((r) => r.id).reverse());
    const firstPage = await list(tenant, { limit: 2 }).expect(200);
    expect(firstPage.body.items[0].toolExecutions).toBeUndefined();
    const whole = await list(tenant, { limit: 5 }).expect(200);
    expect(whole.body).toEqual({ items: expect.any(Array), nextCursor: null });
    expect(idsOf(whole)).toEqual(ids);
  });

  it('should page exactly once through runs created in the same millisecond', async () => {
    const tenant = await sut.tenant();
    const agent = await sut.sql.query("INSERT INTO agents (organization_id, name, kind, updated_at) VALUES ($1, 'echo', 'DIAGNOSTIC', now()) RETURNING id", [tenant.organizationId]);
    const inserted = await sut.sql.query(
      `INSERT INTO agent_runs (organization_id, agent_id, status, mode, attempt, created_at, updated_at)
       SELECT $1, $2, 'COMPLETED', 'SYNC', 1, '2026-01-01T00:00:00.123Z', now() FROM generate_series(1, 5) RETURNING id`,
      [tenant.organizationId, agent.rows[0].id],
    );

    const { ids, pageSizes } = await pageThrough(tenant, 2);

    expect(pageSizes).toEqual([2, 2, 1]);
    expect(ids).toEqual(inserted.rows.map((r: { id: string }) => r.id).sort().reverse());
  });

  it.each([
    ['limit 101', { limit: 101 }],
    ['limit 0', { limit: 0 }],
    ['a limit that is not a number', { limit: 'many' }],
    ['an unknown status', { status: 'DONE' }],
    ['a since that is not a date', { since: 'yesterday' }],
    ['an unknown query parameter', { sort: 'asc' }],
    ['a cursor that is not base64 JSON', { cursor: 'not-a-cursor' }],
    ['a cursor with a malformed id', { cursor: Buffer.from(JSON.stringify(['2026-01-01T00:00:00.000Z', 'x'])).toString('base64url') }],
    ['a cursor with a malformed date', { cursor: Buffer.from(JSON.stringify(['soon', randomUUID()])).toString('base64url') }],
  ])('should answer 400 for %s', async (_case, query) => {
    const res = await sut.http.get('/v1/runs').set(bearer(sut.apiKey)).query(query).expect(400);

    expect(res.body).toEqual({ statusCode: 400, error: 'Bad Request', message: expect.any(String), requestId: expect.any(String) });
  });

  it("should not let one organization see, list or cancel another organization's run", async () => {
    const owner = await sut.tenant();
    const stranger = await sut.tenant();
    const [theirs] = await runSequentially(owner, [{ message: 'private' }]);

    const got = await sut.http.get(`/v1/runs/${theirs.id}`).set(bearer(stranger.apiKey)).expect(404);
    expect(got.body.message).toBe(`run ${theirs.id} not found`);
    expect(idsOf(await list(stranger, {}).expect(200))).not.toContain(theirs.id);
    await sut.http.post(`/v1/runs/${theirs.id}/cancel`).set(bearer(stranger.apiKey)).expect(404);
    expect((await sut.http.get(`/v1/runs/${theirs.id}`).set(bearer(owner.apiKey)).expect(200)).body.status).toBe('COMPLETED');
  });

  it('should answer 404 for a well-formed id no run has', async () => {
    await sut.http.get(`/v1/runs/${randomUUID()}`).set(bearer(sut.apiKey)).expect(404);
  });

  it.each([
    ['GET', '/v1/runs/not-a-uuid'],
    ['POST', '/v1/runs/not-a-uuid/cancel'],
  ])('should answer 400 to %s %s, a malformed run id', async (method, path) => {
    const res = await (method === 'GET' ? sut.http.get(path) : sut.http.post(path)).set(bearer(sut.apiKey)).expect(400);

    expect(res.body).toEqual({ statusCode: 400, error: 'Bad Request', message: expect.stringContaining('uuid'), requestId: expect.any(String) });
  });
});
