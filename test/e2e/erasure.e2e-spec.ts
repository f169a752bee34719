import { createHash } from 'node:crypto';
import { bearer, randomApiKey } from '../support/app';
import { useE2eApp } from '../support/e2e-context';
import { addMember } from '../support/members';
import { OpenApiResponseValidator } from '../support/openapi-validator';
import type { Tenant } from '../support/tenants';

interface Person {
  userId: string;
  email: string;
  apiKey: string;
}

/**
 * DELETE /v1/users/:id/data on the real database: what goes (membership, keys, the person's name
 * and email when no other organization has them), what stays without them (runs, schedules), the
 * audit entry that records it without the erased data, and the refusals (404, last owner, self).
 */
describe('EraseUserData', () => {
  const sut = useE2eApp();
  let validator: OpenApiResponseValidator;
  let org: Tenant;
  let other: Tenant;
  beforeAll(async () => {
    validator = new OpenApiResponseValidator((await sut.http.get('/docs-json').expect(200)).body);
    [org, other] = [await sut.tenant('erasure'), await sut.tenant('erasure-other')];
  });

  const erase = (userId: string, apiKey = org.apiKey) => sut.http.delete(`/v1/users/${userId}/data`).set(bearer(apiKey));
  const conforms = (res: { status: number; body: unknown }) => expect(validator.errors('DELETE', '/v1/users/{userId}/data', res.status, res.body as never)).toBeNull();

  async function role(organizationId: string, name: string): Promise<string> {
    const found = await sut.sql.query('SELECT id FROM organization_roles WHERE organization_id = $1 AND name = $2', [organizationId, name]);
    if (found.rowCount === 1) return found.rows[0].id as string;
    return (await sut.sql.query('INSERT INTO organization_roles (organization_id, name) VALUES ($1, $2) RETURNING id', [organizationId, name])).rows[0].id as string;
  }

  /** A person with a membership and an API key in each of `organizations`. */
  async function person(name: string, roleName: string, organizations: string[]): Promise<Person> {
    const email = `${name}-${Math.random().toString(36).slice(2, 8)}@agency.test`;
    const userId = (await sut.sql.query('INSERT INTO users (email, name, updated_at) VALUES ($1, $2, now()) RETURNING id', [email, `${name} Example`])).rows[0].id as string;
    let apiKey = '';
    for (const organizationId of organizations) {
      await sut.sql.query('INSERT INTO organization_memberships (organization_id, user_id, role_id) VALUES ($1, $2, $3)', [organizationId, userId, await role(organizationId, roleName)]);
      apiKey = randomApiKey();
      await sut.sql.query("INSERT INTO api_keys (organization_id, user_id, name, prefix, key_hash) VALUES ($1, $2, 'k', $3, $4)", [organizationId, userId, apiKey.slice(0, 11), createHash('sha256').update(apiKey).digest('hex')]);
    }
    return { userId, email, apiKey };
  }

  it('should erase a member of this organization only: membership and keys gone, runs and schedules kept without them, the person anonymised, an audit entry without their data', async () => {
    const bob = await person('bob', 'member', [org.organizationId]);
    const agent = (await sut.sql.query("INSERT INTO agents (organization_id, name, kind, updated_at) VALUES ($1, 'writer', 'CONTENT', now()) RETURNING id", [org.organizationId])).rows[0].id;
    const runId = (await sut.sql.query('INSERT INTO agent_runs (organization_id, agent_id, user_id, updated_at) VALUES ($1, $2, $3, now()) RETURNING id', [org.organizationId, agent, bob.userId])).rows[0].id;
    const scheduleId = (await sut.sql.query("INSERT INTO schedules (organization_id, user_id, agent_name, cron, updated_at) VALUES ($1, $2, 'writer', '0 9 * * 1', now()) RETURNING id", [org.organizationId, bob.userId])).rows[0].id;
    await sut.sql.query("INSERT INTO audit_logs (organization_id, actor_user_id, action, target_type) VALUES ($1, $2, 'campaign.created', 'campaign')", [org.organizationId, bob.userId]);
    await sut.sql.query("INSERT INTO member_invitations (organization_id, email, role, token_hash, delivered_via, expires_at, accepted_at, accepted_user_id) VALUES ($1, $2, 'member', $3, 'smtp', now(), now(), $4)", [
      org.organizationId,
      bob.email,
      `hash-${bob.userId}`,
      bob.userId,
    ]);
    await sut.http.get('/v1/me').set(bearer(bob.apiKey)).expect(200);

    const res = await erase(bob.userId).expect(200);

    conforms(res);
    expect(res.body).toEqual({
      userId: bob.userId,
      role: 'member',
      membershipRemoved: true,
      apiKeysDeleted: 1,
      invitationsDeleted: 1,
      schedulesReassigned: 1,
      detached: { runs: 1, approvals: 0, contentVersions: 0, configChanges: 0, campaigns: 0, agentConfigs: 0, exports: 0, invitationsSent: 0 },
      userAnonymised: true,
    });
    expect((await sut.sql.query('SELECT count(*)::int AS n FROM organization_memberships WHERE user_id = $1', [bob.userId])).rows[0].n).toBe(0);
    await sut.http.get('/v1/me').set(bearer(bob.apiKey)).expect(401);
    const user = (await sut.sql.query('SELECT email, name FROM users WHERE id = $1', [bob.userId])).rows[0];
    expect(user).toEqual({ email: `erased-${bob.userId}@erased.invalid`, name: 'Erased user' });
    expect((await sut.sql.query('SELECT user_id FROM agent_runs WHERE id = $1', [runId])).rows[0].user_id).toBeNull();
    expect((await sut.sql.query('SELECT user_id FROM schedules WHERE id = $1', [scheduleId])).rows[0].user_id).toBe(org.userId);
    const audit = await sut.sql.query("SELECT actor_user_id, target_id, metadata, request_id FROM audit_logs WHERE organization_id = $1 AND action = 'user.data_erased'", [org.organizationId]);
    expect(audit.rows).toEqual([{ actor_user_id: org.userId, target_id: bob.userId, metadata: expect.objectContaining({ userAnonymised: true, apiKeysDeleted: 1 }), request_id: expect.any(String) }]);
    const everything = JSON.stringify(await sut.sql.query('SELECT * FROM audit_logs WHERE organization_id = $1', [org.organizationId]).then((r) => r.rows));
    expect(everything).not.toContain(bob.email);
    expect(everything).not.toContain('bob Example');
    expect((await sut.sql.query('SELECT count(*)::int AS n FROM member_invitations WHERE email = $1', [bob.email])).rows[0].n).toBe(0);
  });

  it('should leave another organization’s membership, keys and the person’s name untouched when they still belong to it', async () => {
    const carol = await person('carol', 'member', [other.organizationId, org.organizationId]);
    const keyInOther = (await sut.sql.query('SELECT id FROM api_keys WHERE user_id = $1 AND organization_id = $2', [carol.userId, other.organizationId])).rows[0].id;

    const res = await erase(carol.userId).expect(200);

    expect(res.body).toMatchObject({ userAnonymised: false, apiKeysDeleted: 1 });
    expect((await sut.sql.query('SELECT email, name FROM users WHERE id = $1', [carol.userId])).rows[0]).toEqual({ email: carol.email, name: 'carol Example' });
    expect((await sut.sql.query('SELECT organization_id FROM organization_memberships WHERE user_id = $1', [carol.userId])).rows).toEqual([{ organization_id: other.organizationId }]);
    expect((await sut.sql.query('SELECT id FROM api_keys WHERE user_id = $1', [carol.userId])).rows).toEqual([{ id: keyInOther }]);
  });

  it('should answer 404 for a user who is not a member of the organization (another organization’s member, or nobody), changing nothing', async () => {
    const dave = await person('dave', 'member', [other.organizationId]);

    const res = await erase(dave.userId).expect(404);
    await erase('5b8f2c1e-4b7d-4d53-9a43-1c9e8f0a2b11').expect(404);

    expect(res.body).toEqual({ statusCode: 404, error: 'Not Found', message: `user ${dave.userId} not found`, requestId: expect.any(String) });
    expect((await sut.sql.query('SELECT email FROM users WHERE id = $1', [dave.userId])).rows[0].email).toBe(dave.email);
    await sut.http.get('/v1/me').set(bearer(dave.apiKey)).expect(200);
  });

  it('should refuse with 409 to erase the organization’s last owner, and erase an owner while another remains', async () => {
    const first = await person('owner1', 'owner', [org.organizationId]);

    const refused = await erase(first.userId).expect(409);
    expect(refused.body).toEqual({ statusCode: 409, error: 'Conflict', message: expect.stringContaining('last owner'), requestId: expect.any(String) });
    expect((await sut.sql.query('SELECT count(*)::int AS n FROM organization_memberships WHERE user_id = $1', [first.userId])).rows[0].n).toBe(1);
    await sut.http.get('/v1/me').set(bearer(first.apiKey)).expect(200);

    const second = await person('owner2', 'owner', [org.organizationId]);
    await erase(first.userId).expect(200);
    await erase(second.userId).expect(409);
  });

  it('should erase only one of the last two owners when both are erased at once (the owners are locked: the second sees one left)', async () => {
    const lonely = await sut.tenant('erasure-owners');
    const [a, b] = [await person('ownerA', 'owner', [lonely.organizationId]), await person('ownerB', 'owner', [lonely.organizationId])];

    const answers = await Promise.all([erase(a.userId, lonely.apiKey), erase(b.userId, lonely.apiKey)]);

    expect(answers.map((r) => r.status).sort()).toEqual([200, 409]);
    const owners = await sut.sql.query("SELECT count(*)::int AS n FROM organization_memberships m JOIN organization_roles r ON r.id = m.role_id WHERE m.organization_id = $1 AND r.name = 'owner'", [lonely.organizationId]);
    expect(owners.rows[0].n).toBe(1);
  });

  it('should roll the whole erasure back when its audit entry cannot be written (one transaction): nothing erased, a 500', async () => {
    const erin = await person('erin', 'member', [org.organizationId]);
    await sut.sql.query("ALTER TABLE audit_logs ADD CONSTRAINT refuse_erasure_entries CHECK (action <> 'user.data_erased') NOT VALID");
    try {
      const res = await erase(erin.userId).expect(500);

      expect(res.body).toEqual({ statusCode: 500, error: 'Internal Server Error', message: expect.any(String), requestId: expect.any(String) });
    } finally {
      await sut.sql.query('ALTER TABLE audit_logs DROP CONSTRAINT refuse_erasure_entries');
    }
    expect((await sut.sql.query('SELECT email, name FROM users WHERE id = $1', [erin.userId])).rows[0]).toEqual({ email: erin.email, name: 'erin Example' });
    expect((await sut.sql.query('SELECT count(*)::int AS n FROM organization_memberships WHERE user_id = $1', [erin.userId])).rows[0].n).toBe(1);
    await sut.http.get('/v1/me').set(bearer(erin.apiKey)).expect(200);
  });

  it('should refuse with 409 a caller erasing their own data', async () => {
    const res = await erase(org.userId).expect(409);

    expect(res.body.message).toContain('another member');
    await sut.http.get('/v1/me').set(bearer(org.apiKey)).expect(200);
  });

  it('should answer 400 with the one error body for an id that is not a UUID', async () => {
    const res = await erase('not-a-uuid').expect(400);

    expect(res.body).toEqual({ statusCode: 400, error: 'Bad Request', message: expect.any(String), requestId: expect.any(String) });
  });

  it('should answer 403 to a member without data:erase, erasing nothing', async () => {
    const [member, target] = [await addMember(sut.sql, org.organizationId, 'member'), await addMember(sut.sql, org.organizationId, 'viewer')];

    await erase(target.userId, member.apiKey).expect(403);

    expect((await sut.sql.query('SELECT count(*)::int AS n FROM organization_memberships WHERE user_id = $1', [target.userId])).rows[0].n).toBe(1);
  });

  it('should declare the data:erase permission on the operation', async () => {
    const document = (await sut.http.get('/docs-json').expect(200)).body;

    expect(document.paths['/v1/users/{userId}/data'].delete['x-required-permission']).toBe('data:erase');
    expect(document.paths['/v1/users/{userId}/data'].delete.tags).toEqual(['data erasure']);
  });
});
