import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Agent } from '../../src/modules/agents/agent.decorator';
import type { AgentHandler } from '../../src/modules/agents/agent.types';
import { bearer } from '../support/app';
import { useE2eApp } from '../support/e2e-context';
import type { Tenant } from '../support/tenants';

class StandInInput {}

/**
 * The email agent's name and declared write, for the learning agent to tune until the email
 * module is on main: it is registered only while no such module exists, so the spec keeps
 * tuning the real agent once it lands.
 */
@Agent({ name: 'email', kind: 'EMAIL', description: 'Test stand-in for the email agent', input: StandInInput, tools: [], writes: ['email.send'] })
class EmailStandInAgent implements AgentHandler<StandInInput> {
  async run(): Promise<object> {
    return {};
  }
}

const emailModuleExists = existsSync(join(__dirname, '../../src/modules/email'));

interface ChangeBody {
  id: string;
  field: string;
  before: unknown;
  after: unknown;
  source: string;
  runId: string | null;
  reason: string | null;
}

/** The learning agent on reported outcomes: the metrics endpoint, the agent's changes (each reversible) and its weekly schedule. */
describe('Learning agent and /v1/campaign-metrics', () => {
  const sut = useE2eApp({ providers: emailModuleExists ? [] : [EmailStandInAgent] });
  const metrics = (key: string, body: object) => sut.http.post('/v1/campaign-metrics').set(bearer(key)).send(body);
  const learn = (key: string, input: object) => sut.http.post('/v1/runs').set(bearer(key)).send({ agent: 'learning', input }).expect(201);
  const changes = async (key: string): Promise<ChangeBody[]> => (await sut.http.get('/v1/agents/email/config/changes?limit=100').set(bearer(key)).expect(200)).body.items;
  const emailConfig = async (key: string) => (await sut.http.get('/v1/agents/email/config').set(bearer(key)).expect(200)).body;

  /** `count` emails sent two days ago at `hour` UTC, with short or long subjects: their ids, oldest first. */
  async function sendEmails(tenant: Tenant, hour: number, count: number, subject: string): Promise<string[]> {
    const { rows } = await sut.sql.query(
      `INSERT INTO messages (organization_id, channel, direction, status, to_address, subject, body, sent_at)
       SELECT $1, 'EMAIL', 'OUTBOUND', 'SENT', 'reader' || g || '-' || $2::int || '@example.com', $3, 'Hello', date_trunc('day', now()) - interval '2 days' + make_interval(hours => $2::int, mins => g)
       FROM generate_series(1, $4::int) g RETURNING id`,
      [tenant.organizationId, hour, subject, count],
    );
    return rows.map((r) => r.id as string);
  }

  const opens = (ids: string[], kind = 'open') => ({ events: ids.map((messageId) => ({ channel: 'email', kind, messageId })) });

  it('should tune the email agent on its opens at commit (send hour, temperature, subject hint), each change reversible, and change nothing under minSample', async () => {
    const tenant = await sut.tenant('learning');
    const morning = await sendEmails(tenant, 9, 30, 'Our complete spring catalogue of single origin coffees is here');
    const afternoon = await sendEmails(tenant, 14, 30, 'Spring is here');
    expect((await metrics(tenant.apiKey, opens([...morning.slice(0, 3), ...afternoon.slice(0, 20)])).expect(201)).body).toEqual({ recorded: 23, suppressed: 0 });
    await metrics(tenant.apiKey, opens(afternoon.slice(0, 5), 'click')).expect(201);

    const run = await learn(tenant.apiKey, { agents: ['email'] });

    expect(run.body.status).toBe('COMPLETED');
    const [tuned] = run.body.output.agents;
    expect(tuned).toMatchObject({ agent: 'email', sample: 60, figures: { sent: 60, opened: 23, clicked: 5 } });
    expect(tuned.figures.byHour).toEqual([
      { hour: 9, sent: 30, hits: 3, rate: 0.1 },
      { hour: 14, sent: 30, hits: 20, rate: 20 / 30 },
    ]);
    expect(tuned.adjustments.map((a: { field: string }) => a.field)).toEqual(['settings', 'temperature', 'promptHints']);
    const rows = await changes(tenant.apiKey);
    expect(rows).toHaveLength(3);
    expect(rows).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'settings', before: {}, after: { sendHour: 14 }, source: 'learning', runId: run.body.id, reason: expect.stringMatching(/14:00/) }),
        expect.objectContaining({ field: 'temperature', before: null, after: 0.8, source: 'learning', runId: run.body.id }),
        expect.objectContaining({ field: 'promptHints', before: [], after: ['Subject lines under 45 characters got 6.7x the opens'], source: 'learning' }),
      ]),
    );
    expect(await emailConfig(tenant.apiKey)).toMatchObject({ temperature: 0.8, settings: { sendHour: 14 }, promptHints: ['Subject lines under 45 characters got 6.7x the opens'] });

    const temperature = rows.find((c) => c.field === 'temperature')!;
    await sut.http.post(`/v1/agents/email/config/changes/${temperature.id}/revert`).set(bearer(tenant.apiKey)).expect(200);
    expect(await emailConfig(tenant.apiKey)).toMatchObject({ temperature: null, settings: { sendHour: 14 } });

    const before = await changes(tenant.apiKey);
    const cautious = await learn(tenant.apiKey, { agents: ['email'], minSample: 61 });
    expect(cautious.body.output.agents[0]).toMatchObject({ sample: 60, adjustments: [], skipped: ['sample of 60 sends is under minSample 61: nothing changed'] });
    expect(await changes(tenant.apiKey)).toEqual(before);
  });

  it('should say, per agent, why it tunes nothing when no outcomes were measured', async () => {
    const tenant = await sut.tenant('learning-empty');

    const run = await learn(tenant.apiKey, {});

    expect(run.body.status).toBe('COMPLETED');
    const byAgent = Object.fromEntries(run.body.output.agents.map((a: { agent: string }) => [a.agent, a]));
    expect(Object.keys(byAgent)).toEqual(['email', 'sms', 'social', 'content']);
    expect(byAgent.sms).toMatchObject({ sample: 0, figures: { channel: 'sms', sent: 0, replyRate: 0 }, adjustments: [], skipped: ['sample of 0 sends is under minSample 50: nothing changed'] });
    expect(byAgent.content).toMatchObject({ figures: { channel: 'social', posts: 0 }, adjustments: [] });
    expect(byAgent.social.skipped[0]).toMatch(/no agent named social in this deployment|under minSample/);
    expect(await changes(tenant.apiKey)).toEqual([]);
  });

  it('should suppress the address of a bounced or unsubscribed email, once', async () => {
    const tenant = await sut.tenant('learning-bounce');
    const [bounced, unsubscribed] = await sendEmails(tenant, 10, 2, 'Hi');

    const res = await metrics(tenant.apiKey, { events: [{ channel: 'email', kind: 'bounce', messageId: bounced }, { channel: 'email', kind: 'unsubscribe', messageId: unsubscribed }] }).expect(201);
    expect(res.body).toEqual({ recorded: 2, suppressed: 2 });
    expect((await metrics(tenant.apiKey, { channel: 'email', kind: 'bounce', messageId: bounced }).expect(201)).body).toEqual({ recorded: 1, suppressed: 0 });

    const list = await sut.http.get('/v1/suppressions?channel=EMAIL').set(bearer(tenant.apiKey)).expect(200);
    expect(list.body.items.map((s: { address: string; reason: string }) => [s.address, s.reason]).sort()).toEqual([
      ['reader1-10@example.com', 'BOUNCED'],
      ['reader2-10@example.com', 'UNSUBSCRIBED'],
    ]);
  });

  it.each([
    ['an unknown kind', { channel: 'email', kind: 'like' }],
    ['an unknown channel', { channel: 'fax', kind: 'open' }],
    ['a negative value', { channel: 'social', kind: 'impressions', value: -1 }],
    ['both a message and a post', { channel: 'email', kind: 'open', messageId: '00000000-0000-4000-8000-000000000001', socialPostId: '00000000-0000-4000-8000-000000000002' }],
    ['more than 500 events', { events: Array.from({ length: 501 }, () => ({ channel: 'email', kind: 'open' })) }],
    ['an event inside events without a kind', { events: [{ channel: 'email' }] }],
    ['events beside a top-level event', { channel: 'email', kind: 'open', events: [{ channel: 'email', kind: 'open' }] }],
  ])('should refuse %s with 400, recording nothing', async (_case, body) => {
    const tenant = await sut.tenant('learning-400');

    const res = await metrics(tenant.apiKey, body).expect(400);

    expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    expect((await sut.sql.query('SELECT count(*)::int AS n FROM campaign_metrics WHERE organization_id = $1', [tenant.organizationId])).rows[0].n).toBe(0);
  });

  it("should answer 404 for another organization's campaign or message, recording none of the batch", async () => {
    const tenant = await sut.tenant('learning-404');
    const [mine] = await sendEmails(tenant, 8, 1, 'Hi');
    const other = await sut.tenant('learning-other');
    const [theirs] = await sendEmails(other, 8, 1, 'Hi');
    const { rows } = await sut.sql.query('INSERT INTO campaigns (organization_id, name, goal, updated_at) VALUES ($1, $2, $3, now()) RETURNING id', [other.organizationId, 'Theirs', 'Not yours']);

    const message = await metrics(tenant.apiKey, { events: [{ channel: 'email', kind: 'open', messageId: mine }, { channel: 'email', kind: 'bounce', messageId: theirs }] }).expect(404);
    expect(message.body.message).toBe(`message ${theirs} not found`);
    await metrics(tenant.apiKey, { channel: 'email', kind: 'open', campaignId: rows[0].id }).expect(404);
    expect((await sut.sql.query('SELECT count(*)::int AS n FROM campaign_metrics WHERE organization_id = $1', [tenant.organizationId])).rows[0].n).toBe(0);
    expect((await sut.sql.query('SELECT count(*)::int AS n FROM suppressions WHERE organization_id = $1', [other.organizationId])).rows[0].n).toBe(0);
  });

  it("should create the organization's weekly learning schedule once, answering it again unchanged", async () => {
    const tenant = await sut.tenant('learning-schedule');

    const created = await sut.http.post('/v1/learning/schedule').set(bearer(tenant.apiKey)).send({ timezone: 'Europe/Paris', minSample: 100 }).expect(201);
    const again = await sut.http.post('/v1/learning/schedule').set(bearer(tenant.apiKey)).send({ timezone: 'UTC' }).expect(200);

    expect(created.body).toMatchObject({ agent: 'learning', cron: '0 5 * * 1', timezone: 'Europe/Paris', input: { minSample: 100 }, enabled: true });
    expect(again.body).toMatchObject({ id: created.body.id, timezone: 'Europe/Paris' });
    await sut.http.post('/v1/learning/schedule').set(bearer(tenant.apiKey)).send({ days: 3 }).expect(400);
  });
});
