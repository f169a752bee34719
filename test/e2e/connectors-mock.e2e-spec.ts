import { bearer } from '../support/app';
import { connectMocks, connectorOverrides, countRows, invoke, metricValue } from '../support/connector-e2e';
import { LAUNCH_ANNOUNCEMENT_AGENT, LaunchAnnouncementAgent } from '../support/connector-test-agents';
import { useE2eApp } from '../support/e2e-context';
import { createTenant, Tenant } from '../support/tenants';

const SLACK_POST = { channel: '#marketing', text: 'Spring sale starts today' };
const SMS = { to: '+14155550123', body: 'Spring sale: 20% off until Sunday. Reply STOP to opt out.' };
const DISCORD_CHANNEL = '1234567890123456789';

describe('Direct connector invocation against the mock providers', () => {
  const sut = useE2eApp({ config: connectorOverrides(), providers: [LaunchAnnouncementAgent] });

  /** A fresh organization, connected to the mocks: its own mock sequences, outbox, failure rules and rate-limit budget. */
  const tenant = async () => {
    const created = await sut.tenant('mock');
    await connectMocks(sut, created.organizationId);
    return created;
  };
  const runCount = () => countRows(sut.db.url, 'SELECT count(*) AS n FROM agent_runs');
  const outbox = (who: Tenant) => sut.http.get('/v1/connectors/mock/outbox').set(bearer(who.apiKey)).expect(200);
  const setFailures = (who: Tenant, rules: object[]) => sut.http.put('/v1/connectors/mock/failures').set(bearer(who.apiKey)).send({ rules });

  it('should record the call as a run of connector.invoke with exactly one tool execution', async () => {
    const res = await invoke(sut, 'slack', 'send_message', SLACK_POST).expect(201);

    expect(res.body).toMatchObject({
      agent: 'connector.invoke',
      intent: 'slack.send_message',
      status: 'COMPLETED',
      mode: 'SYNC',
      input: { connector: 'slack', action: 'send_message', input: SLACK_POST },
      output: { channel: 'C02MARKETNG', ts: expect.stringMatching(/^\d{10}\.\d{6}$/) },
      error: null,
      attempt: 1,
    });
    expect(res.body.toolExecutions).toEqual([
      expect.objectContaining({ tool: 'slack', connector: 'slack', action: 'send_message', step: 1, attempt: 1, status: 'SUCCEEDED', input: SLACK_POST, output: res.body.output, error: null }),
    ]);
    const stored = await sut.http.get(`/v1/runs/${res.body.id}`).set(bearer(sut.apiKey)).expect(200);
    expect(stored.body).toEqual(res.body);
    expect(await countRows(sut.db.url, 'SELECT count(*) AS n FROM tool_executions WHERE run_id = $1', [res.body.id])).toBe(1);
  });

  it('should refuse a mock action for an organization that has not connected the connector, like the real one, before recording a run', async () => {
    const stranger = await sut.tenant('unconnected');
    const runsBefore = await runCount();

    const res = await invoke(sut, 'slack', 'send_message', SLACK_POST, stranger.apiKey).expect(424);

    expect(res.body).toMatchObject({ statusCode: 424, message: 'connector slack is not connected for this organization' });
    expect(await runCount()).toBe(runsBefore);
    expect((await outbox(stranger)).body).toEqual([]);
  });

  it("should fail an agent's tool call to a mock the organization has not connected with NOT_CONNECTED", async () => {
    const stranger = await sut.tenant('unconnected');
    const input = { channel: '#launch', headline: 'Spring', details: 'Live now', recipients: ['team@example.com'] };

    const res = await sut.http.post('/v1/runs').set(bearer(stranger.apiKey)).send({ agent: LAUNCH_ANNOUNCEMENT_AGENT, input }).expect(201);

    expect(res.body).toMatchObject({ status: 'FAILED', error: { message: expect.stringContaining('connector slack is not connected for this organization') } });
    expect((await outbox(stranger)).body).toEqual([]);
  });

  it('should answer the same input alike in two fresh organizations, and with new ids as an organization goes on', async () => {
    const [first, second] = await Promise.all([tenant(), tenant()]);

    const a1 = (await invoke(sut, 'twilio', 'send_sms', SMS, first.apiKey).expect(201)).body;
    const b1 = (await invoke(sut, 'twilio', 'send_sms', SMS, second.apiKey).expect(201)).body;
    const a2 = (await invoke(sut, 'twilio', 'send_sms', SMS, first.apiKey).expect(201)).body;

    expect(a1.output).toEqual({ sid: expect.stringMatching(/^SM[0-9a-f]{32}$/), status: 'queued', to: SMS.to, from: '+15005550006', numSegments: 1 });
    expect(b1.output).toEqual(a1.output);
    expect(a2.output.sid).not.toBe(a1.output.sid);
    expect(a1.id).not.toBe(b1.id);
  });

  it('should answer 400 naming input.<field> for input the provider would refuse, and record no run', async () => {
    const before = await runCount();

    const missing = await invoke(sut, 'slack', 'send_message', { text: 'no channel' }).expect(400);
    const unknown = await invoke(sut, 'twilio', 'send_sms', { ...SMS, priority: 'high' }).expect(400);
    const malformed = await invoke(sut, 'twilio', 'send_sms', { ...SMS, to: '0415 555 0123' }).expect(400);

    expect(missing.body).toEqual({ statusCode: 400, error: 'Bad Request', message: expect.stringContaining('input.channel'), requestId: expect.any(String) });
    expect(missing.body.message).toMatch(/^invalid input for slack\.send_message: /);
    expect(unknown.body.message).toContain('input.priority');
    expect(malformed.body.message).toContain('input.to: to must be a phone number in E.164 format');
    expect(await runCount()).toBe(before);
  });

  it('should answer 404 for an unknown action and record no run', async () => {
    const before = await runCount();

    const res = await invoke(sut, 'slack', 'delete_workspace', {}).expect(404);

    expect(res.body.message).toBe('connector action slack.delete_workspace not found');
    expect(await runCount()).toBe(before);
  });

  it("should keep what write actions sent in the organization's own outbox until it is cleared", async () => {
    const [owner, other] = await Promise.all([tenant(), tenant()]);
    const post = (await invoke(sut, 'slack', 'send_message', SLACK_POST, owner.apiKey).expect(201)).body;
    await invoke(sut, 'slack', 'list_channels', { limit: 2 }, owner.apiKey).expect(201);
    const sms = (await invoke(sut, 'twilio', 'send_sms', SMS, owner.apiKey).expect(201)).body;
    await invoke(sut, 'discord', 'send_message', { channelId: DISCORD_CHANNEL, content: 'for the other outbox' }, other.apiKey).expect(201);

    const sent = (await outbox(owner)).body;

    expect(sent).toEqual([
      { connector: 'slack', action: 'send_message', sequence: 1, input: SLACK_POST, output: post.output, idempotencyKey: `${post.id}:1` },
      { connector: 'twilio', action: 'send_sms', sequence: 1, input: SMS, output: sms.output, idempotencyKey: `${sms.id}:1` },
    ]);
    expect((await outbox(other)).body).toEqual([expect.objectContaining({ connector: 'discord', input: { channelId: DISCORD_CHANNEL, content: 'for the other outbox' } })]);

    await sut.http.delete('/v1/connectors/mock/outbox').set(bearer(owner.apiKey)).expect(204);

    expect((await outbox(owner)).body).toEqual([]);
    expect((await outbox(other)).body).toHaveLength(1);
  });

  it('should fail the next call as told (rate limited), then succeed again', async () => {
    const who = await tenant();
    const rules = [{ connector: 'slack', action: 'send_message', failure: 'RATE_LIMITED', times: 1 }];
    expect((await setFailures(who, rules).expect(200)).body).toEqual({ rules });
    const labels = { connector: 'slack', action: 'send_message', outcome: 'RATE_LIMITED' };
    const limitedBefore = metricValue((await sut.http.get('/metrics').expect(200)).text, 'neonhub_connector_requests_total', labels);

    const failed = (await invoke(sut, 'slack', 'send_message', SLACK_POST, who.apiKey).expect(201)).body;
    const next = (await invoke(sut, 'slack', 'send_message', SLACK_POST, who.apiKey).expect(201)).body;

    expect(failed).toMatchObject({ status: 'FAILED', output: null, error: { class: 'ConnectorError:RATE_LIMITED', message: expect.stringContaining('slack (mock): rate limited') } });
    expect(failed.toolExecutions).toEqual([expect.objectContaining({ status: 'FAILED', error: failed.error })]);
    expect(metricValue((await sut.http.get('/metrics').expect(200)).text, 'neonhub_connector_requests_total', labels)).toBe(limitedBefore + 1);
    expect(next.status).toBe('COMPLETED');
    expect((await outbox(who)).body.map((e: { idempotencyKey: string }) => e.idempotencyKey)).toEqual([`${next.id}:1`]);
  });

  it('should count an injected auth revocation as REAUTH_REQUIRED, then succeed again', async () => {
    const who = await tenant();
    const metricsBefore = (await sut.http.get('/metrics').expect(200)).text;
    await setFailures(who, [{ connector: 'slack', failure: 'AUTH_REVOKED', times: 1 }]).expect(200);

    const failed = (await invoke(sut, 'slack', 'list_channels', {}, who.apiKey).expect(201)).body;
    const next = (await invoke(sut, 'slack', 'list_channels', {}, who.apiKey).expect(201)).body;

    expect(failed).toMatchObject({ status: 'FAILED', error: { message: 'slack (mock): access was revoked; reconnect the connector' } });
    const labels = { connector: 'slack', action: 'list_channels', outcome: 'REAUTH_REQUIRED' };
    expect(metricValue((await sut.http.get('/metrics').expect(200)).text, 'neonhub_connector_requests_total', labels)).toBe(metricValue(metricsBefore, 'neonhub_connector_requests_total', labels) + 1);
    expect(next.status).toBe('COMPLETED');
  });

  // An operator testing a connection reads the run, not /metrics: the category (what to do about
  // it: wait, reconnect, fix the input) is recorded only as a metric label today.
  it('should name the error category on the failed run and on its tool execution', async () => {
    const who = await tenant();
    await setFailures(who, [
      { connector: 'slack', action: 'send_message', failure: 'RATE_LIMITED', times: 1 },
      { connector: 'twilio', failure: 'AUTH_REVOKED', times: 1 },
    ]).expect(200);

    // A success after each failure: three failed runs in a row would open connector.invoke's run breaker.
    const limited = (await invoke(sut, 'slack', 'send_message', SLACK_POST, who.apiKey).expect(201)).body;
    await invoke(sut, 'slack', 'send_message', SLACK_POST, who.apiKey).expect(201);
    const revoked = (await invoke(sut, 'twilio', 'send_sms', SMS, who.apiKey).expect(201)).body;
    await invoke(sut, 'twilio', 'send_sms', SMS, who.apiKey).expect(201);

    expect([limited.status, revoked.status]).toEqual(['FAILED', 'FAILED']);
    expect(JSON.stringify([limited.error, limited.toolExecutions[0].error])).toMatch(/RATE_LIMITED.*RATE_LIMITED/);
    expect(JSON.stringify([revoked.error, revoked.toolExecutions[0].error])).toMatch(/REAUTH_REQUIRED.*REAUTH_REQUIRED/);
  });

  it('should refuse failure rules for connectors that do not run in mock mode, and malformed rules', async () => {
    await setFailures(await tenant(), [{ connector: 'myspace', failure: 'TIMEOUT', times: 1 }]).expect(404);
    const bad = await setFailures(await tenant(), [{ connector: 'slack', failure: 'EXPLODE', times: 0 }]).expect(400);
    expect(bad.body.message).toMatch(/failure/);
  });

  it("should enforce the provider's rate limit per organization in mock mode too", async () => {
    const [busy, quiet] = await Promise.all([tenant(), tenant()]);
    const send = (who: Tenant, n: number) => invoke(sut, 'discord', 'send_message', { channelId: DISCORD_CHANNEL, content: `message ${n}` }, who.apiKey).expect(201);

    // Discord allows 5 messages per 5 s; six at once leave exactly one refused.
    const runs = (await Promise.all([1, 2, 3, 4, 5, 6].map((n) => send(busy, n)))).map((r) => r.body);
    const elsewhere = (await send(quiet, 7)).body;

    expect(runs.filter((r) => r.status === 'COMPLETED')).toHaveLength(5);
    const refused = runs.filter((r) => r.status === 'FAILED');
    expect(refused).toEqual([expect.objectContaining({ error: { class: 'ConnectorError:RATE_LIMITED', message: 'discord: the provider allows 5 requests per 5 s for this organization' } })]);
    expect(elsewhere.status).toBe('COMPLETED');
    expect((await outbox(busy)).body).toHaveLength(5);
  });

  it('should count agent-driven connector calls in neonhub_connector_requests_total by connector, action and outcome', async () => {
    const labels = { connector: 'discord', action: 'list_recent_messages', outcome: 'success' };
    const before = metricValue((await sut.http.get('/metrics').expect(200)).text, 'neonhub_connector_requests_total', labels);

    const run = await sut.http
      .post('/v1/runs')
      .set(bearer(sut.apiKey))
      .send({ agent: 'connector.invoke', input: { connector: 'discord', action: 'list_recent_messages', input: { channelId: DISCORD_CHANNEL, limit: 2 } } })
      .expect(201);

    expect(run.body).toMatchObject({ status: 'COMPLETED', output: { channelId: DISCORD_CHANNEL, messages: [expect.any(Object), expect.any(Object)] } });
    const metrics = (await sut.http.get('/metrics').expect(200)).text;
    expect(metricValue(metrics, 'neonhub_connector_requests_total', labels)).toBe(before + 1);
    expect(metrics).toMatch(/^neonhub_connector_request_duration_seconds_count\{connector="discord",action="list_recent_messages"\} \d+$/m);
  });
});

describe('Direct invocation failures in one organization', () => {
  const sut = useE2eApp({ config: connectorOverrides() });

  // The issue: "a circuit breaker per (organization, connector) keeps one tenant's revoked
  // credentials from blocking every other tenant". connector.invoke also runs under the
  // per-agent run breaker (3 consecutive failed runs, any tenant, any connector).
  it("should not stop another organization's calls to another connector", async () => {
    const [revoked, bystander] = await Promise.all([createTenant(sut.db.url, 'revoked-tenant'), createTenant(sut.db.url, 'bystander-tenant')]);
    await Promise.all([connectMocks(sut, revoked.organizationId), connectMocks(sut, bystander.organizationId)]);
    await sut.http.put('/v1/connectors/mock/failures').set(bearer(revoked.apiKey)).send({ rules: [{ connector: 'slack', failure: 'AUTH_REVOKED', times: 3 }] }).expect(200);
    for (let i = 0; i < 3; i++) expect((await invoke(sut, 'slack', 'list_channels', {}, revoked.apiKey).expect(201)).body.status).toBe('FAILED');

    const res = await invoke(sut, 'discord', 'send_message', { channelId: DISCORD_CHANNEL, content: 'unrelated' }, bystander.apiKey);

    expect({ status: res.status, body: res.body.status ?? res.body.message }).toEqual({ status: 201, body: 'COMPLETED' });
  });
});
