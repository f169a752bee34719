import { PERMISSIONS } from '../../src/modules/auth/permissions/permissions';
import { bearer } from '../support/app';
import { useE2eApp } from '../support/e2e-context';

describe('API keys and /v1/me', () => {
  const sut = useE2eApp();

  it('should describe the caller', async () => {
    const res = await sut.http.get('/v1/me').set(bearer(sut.apiKey)).expect(200);
    expect(res.body).toMatchObject({
      user: { id: sut.userId, email: 'admin@demo.neonhub.local' },
      organization: { id: sut.organizationId, slug: 'demo' },
      role: { name: 'owner', permissions: [...PERMISSIONS] },
      permissions: [...PERMISSIONS],
    });
  });

  it('should show a new key once, store only its hash, and let it authenticate', async () => {
    const created = await sut.http.post('/v1/api-keys').set(bearer(sut.apiKey)).send({ name: 'ci' }).expect(201);
    expect(created.body.key).toMatch(/^nh_/);
    expect(created.body.prefix).toBe(created.body.key.slice(0, 11));

    const stored = await sut.sql.query('SELECT * FROM api_keys WHERE id = $1', [created.body.id]);
    expect(JSON.stringify(stored.rows[0])).not.toContain(created.body.key);

    const listed = await sut.http.get('/v1/api-keys').set(bearer(sut.apiKey)).expect(200);
    expect(JSON.stringify(listed.body)).not.toContain(created.body.key);
    expect(listed.body.map((k: { id: string }) => k.id)).toContain(created.body.id);

    await sut.http.get('/v1/me').set(bearer(created.body.key)).expect(200);
    const used = await sut.http.get('/v1/api-keys').set(bearer(sut.apiKey));
    expect(used.body.find((k: { id: string }) => k.id === created.body.id).lastUsedAt).not.toBeNull();
  });

  it('should stop accepting a key the moment it is revoked, and audit it', async () => {
    const created = await sut.http.post('/v1/api-keys').set(bearer(sut.apiKey)).send({ name: 'short-lived' }).expect(201);
    await sut.http.delete(`/v1/api-keys/${created.body.id}`).set(bearer(sut.apiKey)).expect(204);
    await sut.http.get('/v1/me').set(bearer(created.body.key)).expect(401);
    await sut.http.delete(`/v1/api-keys/${created.body.id}`).set(bearer(sut.apiKey)).expect(204);

    const audit = await sut.sql.query('SELECT action FROM audit_logs WHERE target_id = $1 ORDER BY created_at', [created.body.id]);
    expect(audit.rows.map((r) => r.action)).toEqual(['api_key.created', 'api_key.revoked']);
  });

  it("should answer 404 for a key that is not the caller's", async () => {
    await sut.http.delete('/v1/api-keys/00000000-0000-4000-8000-000000000000').set(bearer(sut.apiKey)).expect(404);
  });

  it('should reject a key whose owner left the organization', async () => {
    const created = await sut.http.post('/v1/api-keys').set(bearer(sut.apiKey)).send({ name: 'leaver' }).expect(201);
    const { rows } = await sut.sql.query('SELECT role_id FROM organization_memberships WHERE user_id = $1', [sut.userId]);
    await sut.sql.query('DELETE FROM organization_memberships WHERE user_id = $1', [sut.userId]);
    try {
      await sut.http.get('/v1/me').set(bearer(created.body.key)).expect(401);
    } finally {
      await sut.sql.query('INSERT INTO organization_memberships (organization_id, user_id, role_id) VALUES ($1, $2, $3)', [sut.organizationId, sut.userId, rows[0].role_id]);
    }
  });
});
