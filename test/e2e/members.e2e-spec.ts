import { bearer } from '../support/app';
import { connectMocks } from '../support/connector-e2e';
import { useE2eApp } from '../support/e2e-context';
import { addMember } from '../support/members';

interface OutboxEntry {
  connector: string;
  action: string;
  input: { to: string[]; subject: string; text: string };
}

describe('Members, roles and invitations', () => {
  const sut = useE2eApp();
  const as = (apiKey: string) => bearer(apiKey);

  /** The invitation code from the last mail the mock email connector sent to `to`. */
  async function codeMailedTo(to: string, apiKey = sut.apiKey): Promise<string> {
    const outbox: OutboxEntry[] = (await sut.http.get('/v1/connectors/mock/outbox').set(as(apiKey)).expect(200)).body;
    const mail = outbox.filter((m) => m.action === 'send_email' && m.input.to.includes(to)).pop();
    const code = mail && /\b(nhi_[A-Za-z0-9_-]+)/.exec(mail.input.text)?.[1];
    if (!code) throw new Error(`no invitation mailed to ${to}`);
    return code;
  }

  const auditActions = async (targetId: string) =>
    (await sut.sql.query<{ action: string }>('SELECT action FROM audit_logs WHERE target_id = $1 ORDER BY created_at', [targetId])).rows.map((r) => r.action);

  it('should invite by email through the email connector, and let the invitee join once with their first key', async () => {
    const invited = await sut.http.post('/v1/members').set(as(sut.apiKey)).send({ email: 'junior@agency.test', role: 'member' }).expect(201);
    expect(invited.body).toMatchObject({ email: 'junior@agency.test', role: 'member', status: 'PENDING', deliveredVia: 'gmail' });
    const code = await codeMailedTo('junior@agency.test');
    expect(JSON.stringify(invited.body)).not.toContain(code);
    const stored = await sut.sql.query('SELECT * FROM member_invitations WHERE id = $1', [invited.body.id]);
    expect(JSON.stringify(stored.rows)).not.toContain(code);

    const accepted = await sut.http.post('/v1/invitations/accept').send({ token: code, name: 'Jamie Rivera' }).expect(201);
    expect(accepted.body.member).toMatchObject({ role: 'member', user: { email: 'junior@agency.test', name: 'Jamie Rivera' } });
    const me = await sut.http.get('/v1/me').set(as(accepted.body.apiKey)).expect(200);
    expect(me.body.role.name).toBe('member');
    expect(me.body.permissions).toContain('agents:execute');
    expect(me.body.permissions).not.toContain('approvals:decide');

    await sut.http.post('/v1/invitations/accept').send({ token: code, name: 'Jamie again' }).expect(404);
    expect(await auditActions(invited.body.id)).toEqual(['member.invited']);
    expect(await auditActions(accepted.body.member.id)).toEqual(['member.joined']);
    const listed = await sut.http.get('/v1/invitations').set(as(sut.apiKey)).expect(200);
    expect(listed.body.items.find((i: { id: string }) => i.id === invited.body.id).status).toBe('ACCEPTED');
  });

  it.each([
    ['a malformed address', { email: 'not-an-address', role: 'member' }],
    ['an unknown role', { email: 'x@agency.test', role: 'superuser' }],
    ['an unknown connector', { email: 'x@agency.test', role: 'viewer', via: 'pigeon' }],
    ['an extra field', { email: 'x@agency.test', role: 'viewer', permissions: ['*'] }],
  ])('should refuse an invitation with %s (400)', async (_, body) => {
    const res = await sut.http.post('/v1/members').set(as(sut.apiKey)).send(body).expect(400);
    expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request', requestId: expect.any(String) });
  });

  it('should refuse to invite someone already a member (409), and fail with 424 when no email connector is connected', async () => {
    await sut.http.post('/v1/members').set(as(sut.apiKey)).send({ email: 'admin@demo.neonhub.local', role: 'viewer' }).expect(409);
    const bare = await sut.tenant('no-mail');
    const res = await sut.http.post('/v1/members').set(as(bare.apiKey)).send({ email: 'x@agency.test', role: 'viewer' }).expect(424);
    expect(res.body.message).toContain('not connected');
    expect((await sut.sql.query('SELECT count(*)::int AS n FROM member_invitations WHERE organization_id = $1', [bare.organizationId])).rows[0].n).toBe(0);
  });

  it('should revoke the invitation again when its mail fails, and answer with the connector error', async () => {
    const tenant = await sut.tenant('mail-fails');
    await connectMocks(sut, tenant.organizationId);
    await sut.http.put('/v1/connectors/mock/failures').set(as(tenant.apiKey)).send({ rules: [{ connector: 'gmail', action: 'send_email', failure: 'PROVIDER_ERROR', times: 1 }] }).expect(200);

    const res = await sut.http.post('/v1/members').set(as(tenant.apiKey)).send({ email: 'late@agency.test', role: 'viewer' });

    expect(res.status).toBeGreaterThanOrEqual(400);
    const { rows } = await sut.sql.query('SELECT revoked_at FROM member_invitations WHERE organization_id = $1', [tenant.organizationId]);
    expect(rows).toHaveLength(1);
    expect(rows[0].revoked_at).not.toBeNull();
  });

  it('should not accept a revoked or expired code, and count wrong codes against the address', async () => {
    const revoked = await sut.http.post('/v1/members').set(as(sut.apiKey)).send({ email: 'revoked@agency.test', role: 'viewer', via: 'smtp' }).expect(201);
    expect(revoked.body.deliveredVia).toBe('smtp');
    const revokedCode = await codeMailedTo('revoked@agency.test');
    await sut.http.delete(`/v1/invitations/${revoked.body.id}`).set(as(sut.apiKey)).expect(204);
    await sut.http.delete(`/v1/invitations/${revoked.body.id}`).set(as(sut.apiKey)).expect(204);
    await sut.http.post('/v1/invitations/accept').send({ token: revokedCode, name: 'Too late' }).expect(404);

    const expired = await sut.http.post('/v1/members').set(as(sut.apiKey)).send({ email: 'expired@agency.test', role: 'viewer' }).expect(201);
    const expiredCode = await codeMailedTo('expired@agency.test');
    await sut.sql.query("UPDATE member_invitations SET expires_at = now() - interval '1 minute' WHERE id = $1", [expired.body.id]);
    const res = await sut.http.post('/v1/invitations/accept').send({ token: expiredCode, name: 'Too late' }).expect(404);
    expect(res.body.message).toBe('invitation (unknown, already used, revoked or expired) not found');

    await sut.http.post('/v1/invitations/accept').send({ token: '' }).expect(400);
  });

  it("should change a member's role with effect on their next request, audited with before and after", async () => {
    const member = await addMember(sut.sql, sut.organizationId, 'member');
    await sut.http.get('/v1/runs').set(as(member.apiKey)).expect(200);
    await sut.http.post('/v1/campaigns').set(as(member.apiKey)).send({}).expect(400);

    const changed = await sut.http.patch(`/v1/members/${member.membershipId}`).set(as(sut.apiKey)).send({ role: 'viewer' }).expect(200);
    expect(changed.body).toMatchObject({ id: member.membershipId, role: 'viewer' });

    const refused = await sut.http.post('/v1/campaigns').set(as(member.apiKey)).send({}).expect(403);
    expect(refused.body).toMatchObject({ statusCode: 403, message: 'missing permission campaigns:write' });
    const { rows } = await sut.sql.query('SELECT action, before, after, actor_user_id FROM audit_logs WHERE target_id = $1', [member.membershipId]);
    expect(rows).toEqual([{ action: 'member.role_changed', actor_user_id: sut.userId, before: { role: 'member' }, after: { role: 'viewer' } }]);
  });

  it('should keep ownership rules: an admin cannot touch an owner, and the last owner stays', async () => {
    const admin = await addMember(sut.sql, sut.organizationId, 'admin');
    const ownerMembership = (await sut.sql.query("SELECT m.id FROM organization_memberships m WHERE m.user_id = $1", [sut.userId])).rows[0].id;

    const refused = await sut.http.patch(`/v1/members/${ownerMembership}`).set(as(admin.apiKey)).send({ role: 'member' }).expect(403);
    expect(refused.body.message).toBe('missing permission workspace:manage: only an owner may make, change or remove an owner');
    await sut.http.delete(`/v1/members/${ownerMembership}`).set(as(admin.apiKey)).expect(403);
    await sut.http.post('/v1/members').set(as(admin.apiKey)).send({ email: 'new-owner@agency.test', role: 'owner' }).expect(403);

    await sut.http.patch(`/v1/members/${ownerMembership}`).set(as(sut.apiKey)).send({ role: 'admin' }).expect(409);
    await sut.http.delete(`/v1/members/${ownerMembership}`).set(as(sut.apiKey)).expect(409);
  });

  it("should remove a member and revoke their keys at once; another organization's members are 404", async () => {
    const leaving = await addMember(sut.sql, sut.organizationId, 'member');
    await sut.http.delete(`/v1/members/${leaving.membershipId}`).set(as(sut.apiKey)).expect(204);
    await sut.http.get('/v1/me').set(as(leaving.apiKey)).expect(401);
    const keys = await sut.sql.query('SELECT revoked_at FROM api_keys WHERE user_id = $1', [leaving.userId]);
    expect(keys.rows.every((k) => k.revoked_at !== null)).toBe(true);
    expect(await auditActions(leaving.membershipId)).toEqual(['member.removed']);

    const other = await sut.tenant('members-other');
    const stranger = await addMember(sut.sql, other.organizationId, 'member');
    await sut.http.patch(`/v1/members/${stranger.membershipId}`).set(as(sut.apiKey)).send({ role: 'viewer' }).expect(404);
    await sut.http.delete(`/v1/members/${stranger.membershipId}`).set(as(sut.apiKey)).expect(404);
    const listed = await sut.http.get('/v1/members').set(as(sut.apiKey)).expect(200);
    expect(listed.body.items.map((m: { id: string }) => m.id)).not.toContain(stranger.membershipId);
  });

  it('should page through members with a cursor and filter by role', async () => {
    const tenant = await sut.tenant('members-pages');
    for (const role of ['viewer', 'viewer', 'member'] as const) await addMember(sut.sql, tenant.organizationId, role);
    const first = await sut.http.get('/v1/members?limit=2').set(as(tenant.apiKey)).expect(200);
    expect(first.body.items).toHaveLength(2);
    const second = await sut.http.get(`/v1/members?limit=2&cursor=${first.body.nextCursor}`).set(as(tenant.apiKey)).expect(200);
    expect(second.body).toMatchObject({ nextCursor: null });
    expect(second.body.items).toHaveLength(2);
    const viewers = await sut.http.get('/v1/members?role=viewer').set(as(tenant.apiKey)).expect(200);
    expect(viewers.body.items.map((m: { role: string }) => m.role)).toEqual(['viewer', 'viewer']);
    await sut.http.get('/v1/members?role=god').set(as(tenant.apiKey)).expect(400);
    await sut.http.get('/v1/members?cursor=nope').set(as(tenant.apiKey)).expect(400);
  });

  describe('API keys narrowed to part of their owner\'s permissions', () => {
    it('should let a narrowed key do what it names and refuse the rest with 403 naming the permission', async () => {
      const created = await sut.http.post('/v1/api-keys').set(as(sut.apiKey)).send({ name: 'dashboard', permissions: ['runs:read'] }).expect(201);
      expect(created.body.permissions).toEqual(['runs:read']);
      await sut.http.get('/v1/runs').set(as(created.body.key)).expect(200);
      const refused = await sut.http.post('/v1/runs').set(as(created.body.key)).send({ agent: 'echo', input: { message: 'hi' } }).expect(403);
      expect(refused.body).toMatchObject({ statusCode: 403, error: 'Forbidden', message: 'missing permission agents:execute', requestId: expect.any(String) });
      const me = await sut.http.get('/v1/me').set(as(created.body.key)).expect(200);
      expect(me.body.permissions).toEqual(['runs:read']);
    });

    it('should never mint a key broader than the calling key, nor broader than its owner', async () => {
      const narrow = await sut.http.post('/v1/api-keys').set(as(sut.apiKey)).send({ name: 'narrow', permissions: ['api-keys:manage', 'runs:read'] }).expect(201);
      const escalate = await sut.http.post('/v1/api-keys').set(as(narrow.body.key)).send({ name: 'escalate', permissions: ['approvals:decide'] }).expect(403);
      expect(escalate.body.message).toBe('missing permission approvals:decide: a key cannot be given a permission its creator lacks');
      const viewer = await addMember(sut.sql, sut.organizationId, 'viewer');
      await sut.http.post('/v1/api-keys').set(as(viewer.apiKey)).send({ name: 'v', permissions: ['campaigns:publish'] }).expect(403);
      await sut.http.post('/v1/api-keys').set(as(viewer.apiKey)).send({ name: 'v', permissions: ['campaigns:read'] }).expect(201);
    });

    it.each([
      ['an unknown permission', ['rockets:launch']],
      ['an empty list', []],
      ['a repeated permission', ['runs:read', 'runs:read']],
      ['not a list', 'runs:read'],
    ])('should refuse %s (400)', async (_, permissions) => {
      await sut.http.post('/v1/api-keys').set(as(sut.apiKey)).send({ name: 'bad', permissions }).expect(400);
    });

    it("should shrink a narrowed key with its owner's role", async () => {
      const member = await addMember(sut.sql, sut.organizationId, 'member');
      const key = await sut.http.post('/v1/api-keys').set(as(member.apiKey)).send({ name: 'runner', permissions: ['agents:execute', 'runs:read'] }).expect(201);
      await sut.http.patch(`/v1/members/${member.membershipId}`).set(as(sut.apiKey)).send({ role: 'viewer' }).expect(200);
      const me = await sut.http.get('/v1/me').set(as(key.body.key)).expect(200);
      expect(me.body.permissions).toEqual(['runs:read']);
    });
  });
});
