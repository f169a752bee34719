import { DateTime } from 'luxon';
import { Client } from 'pg';
import { createTestApp, bearer, type TestApp } from '../support/app';
import { pollUntil } from '../support/poll';
import { createTenant } from '../support/tenants';
import { DisposableRedis } from '../support/redis-server';
import { TEST_ENCRYPTION_KEYS, type ServiceProcess } from '../support/service-process';
import { startTestWorker } from '../support/worker-process';

interface RunView {
  id: string;
  status: string;
  wakeAt: string | null;
  parentRunId: string | null;
  output: Record<string, unknown> & { sendRunIds?: string[] };
  error?: { class: string; message: string };
  toolExecutions: Array<{ tool: string; action: string }>;
}

interface OutboxEntry {
  connector: string;
  action: string;
  input: { to: string; body?: string; text?: string };
  output: { sid?: string; messageId?: string };
}

const FINAL = ['COMPLETED', 'FAILED', 'CANCELLED', 'TIMED_OUT'];
const GREETING = 'Huila is back at Northwind this weekend. Reply STOP to opt out.';

/**
 * An IANA zone (Etc/GMT±N, which has no daylight saving) where the wall clock now reads `hour`
 * o'clock, so a test is the same at any hour of the day it runs. Etc/GMT signs are inverted:
 * Etc/GMT-5 is UTC+5.
 */
function zoneWhereItIs(hour: number): string {
  let offset = hour - new Date().getUTCHours();
  if (offset > 14) offset -= 24;
  if (offset < -12) offset += 24;
  return offset === 0 ? 'Etc/GMT' : `Etc/GMT${offset > 0 ? '-' : '+'}${Math.abs(offset)}`;
}

/** A fresh E.164 number per test, so one test's opt-outs and rows never meet another's. */
let nextNumber = 100;
const phone = () => `+1415555${String(nextNumber++).padStart(4, '0')}`;

/**
 * The SMS agent end to end, API and worker as separate processes on the mock connectors and the
 * offline model: compose, approval, one sms-send run per recipient, the Message rows, opt-outs
 * through the inbound endpoint and quiet hours in the recipient's zone.
 */
describe('SMS agent (API and worker processes)', () => {
  let redis: DisposableRedis;
  let api: TestApp;
  let sql: Client;
  const workers: ServiceProcess[] = [];

  beforeAll(async () => {
    redis = await DisposableRedis.create();
    await redis.start();
    api = await createTestApp({ redisUrl: redis.url, encryptionKeys: TEST_ENCRYPTION_KEYS });
    sql = new Client({ connectionString: api.db.url });
    await sql.connect();
    await startTestWorker({ DATABASE_URL: api.db.url, REDIS_URL: redis.url, DATABASE_POOL_SIZE: '3', USE_MOCK_CONNECTORS: 'true', NEONHUB_ENCRYPTION_KEYS: TEST_ENCRYPTION_KEYS }, workers);
  }, 60_000);

  afterAll(async () => {
    await sql?.end();
    await Promise.all(workers.map((w) => w.stop()));
    await api?.close();
    await redis?.stop();
  });

  const http = () => api.http;
  const auth = () => bearer(api.apiKey);

  /** Sends go out now: the organization's default zone is one where it is midday. */
  const configure = (config: object = {}) => http().put('/v1/agents/sms/config').set(auth()).send({ settings: { defaultTimezone: zoneWhereItIs(12) }, ...config }).expect(200);

  beforeEach(async () => {
    await configure();
    await http().delete('/v1/connectors/mock/outbox').set(auth()).expect(204);
  });

  const compose = (input: object) => http().post('/v1/runs').set(auth()).send({ agent: 'sms', mode: 'async', input });
  const runOf = async (id: string) => (await http().get(`/v1/runs/${id}`).set(auth()).expect(200)).body as RunView;
  const untilStatus = async (id: string, statuses: string[]) => {
    const run = await pollUntil(() => runOf(id), (r) => statuses.includes(r.status) || FINAL.includes(r.status), { timeoutMs: 20_000, what: `run ${id} to reach ${statuses.join(' or ')}` });
    if (!statuses.includes(run.status)) throw new Error(`run ${id} ended ${run.status} instead: ${JSON.stringify(run.error)}`);
    return run;
  };
  const pendingApproval = async (runId: string) => {
    const inbox = (await http().get('/v1/approvals?status=pending&limit=100').set(auth()).expect(200)).body;
    return inbox.items.find((a: { runId: string }) => a.runId === runId);
  };
  const decide = async (runId: string, decision: object) => {
    const approval = await pendingApproval(runId);
    await http().post(`/v1/runs/${runId}/approvals/${approval.id}`).set(auth()).send(decision).expect(200);
  };
  /** Composes, approves, and answers the compose run and its finished sends. */
  const sendApproved = async (input: object, decision: object = { decision: 'approve' }) => {
    const { id } = (await compose(input).expect(202)).body;
    await untilStatus(id, ['AWAITING_APPROVAL']);
    await decide(id, decision);
    const done = await untilStatus(id, ['COMPLETED']);
    const sends = await Promise.all((done.output.sendRunIds ?? []).map((sendId) => untilStatus(sendId, ['COMPLETED'])));
    return { compose: done, sends };
  };
  const outbox = async () => (await http().get('/v1/connectors/mock/outbox').set(auth()).expect(200)).body as OutboxEntry[];
  const inbound = (from: string, text: string, channel = 'sms') => http().post('/v1/sms/inbound').set(auth()).send({ from, text, channel });
  const messagesTo = async (to: string) =>
    (await sql.query('SELECT channel, direction, status, body, encoding, segments, provider_message_id, dedupe_key, connector_key, run_id FROM messages WHERE to_address = $1 ORDER BY created_at', [to])).rows;

  it('should compose, wait for approval, then text each recipient once through twilio and record the messages as GSM-7', async () => {
    const [ana, bo] = [phone(), phone()];
    const { id } = (await compose({ channel: 'sms', brief: 'Huila single origin is back this weekend', recipients: [ana, bo] }).expect(202)).body;

    await untilStatus(id, ['AWAITING_APPROVAL']);
    const approval = await pendingApproval(id);
    expect(approval).toMatchObject({ agent: 'sms', title: 'Text 2 recipient(s) on SMS', payload: { channel: 'sms', encoding: 'GSM-7', segments: 1, recipients: 2, skipped: 0 } });
    expect(await outbox()).toEqual([]);

    await decide(id, { decision: 'approve' });
    const done = await untilStatus(id, ['COMPLETED']);
    const text = approval.payload.text as string;
    expect(done.output).toMatchObject({ channel: 'sms', text, encoding: 'GSM-7', segments: 1, recipients: [ana, bo], skipped: [], approval: { decision: 'approved' } });
    expect(done.toolExecutions.map((s) => `${s.tool}.${s.action}`)).toEqual(['agent_config.read', 'sms.audience', 'llm.generate', 'approval.request', 'runs.start', 'runs.start']);
    const sends = await Promise.all(done.output.sendRunIds!.map((sendId) => untilStatus(sendId, ['COMPLETED'])));
    expect(sends.map((s) => s.parentRunId)).toEqual([id, id]);
    expect(sends[0].toolExecutions.map((s) => `${s.tool}.${s.action}`)).toEqual(['agent_config.read', 'sms.audience', 'twilio.send_sms']);

    const sent = (await outbox()).filter((e) => e.connector === 'twilio');
    expect(sent.map((e) => [e.action, e.input.to, e.input.body]).sort()).toEqual([
      ['send_sms', ana, text],
      ['send_sms', bo, text],
    ]);
    for (const to of [ana, bo]) {
      const sid = sent.find((e) => e.input.to === to)!.output.sid;
      expect(await messagesTo(to)).toEqual([
        expect.objectContaining({ channel: 'SMS', direction: 'OUTBOUND', status: 'SENT', body: text, encoding: 'GSM-7', segments: 1, provider_message_id: sid, dedupe_key: `sms:${id}:${to}`, connector_key: 'twilio' }),
      ]);
    }
  });

  it('should record a text with an emoji as UCS-2, in more segments', async () => {
    const to = phone();
    const text = `Huila is back 🎉 ${'fresh roast, '.repeat(6)}see you Saturday`;

    const { compose: done } = await sendApproved({ channel: 'sms', text, recipients: [to] });

    expect(done.output).toMatchObject({ text, encoding: 'UCS-2', segments: 2 });
    expect(await messagesTo(to)).toEqual([expect.objectContaining({ status: 'SENT', body: text, encoding: 'UCS-2', segments: 2 })]);
  });

  it("should send the reviewer's edit instead of the draft", async () => {
    const to = phone();

    await sendApproved({ channel: 'sms', brief: 'Weekend tasting', recipients: [to] }, { decision: 'approve', edits: { text: GREETING } });

    expect((await outbox()).map((e) => e.input.body)).toEqual([GREETING]);
    expect(await messagesTo(to)).toEqual([expect.objectContaining({ status: 'SENT', body: GREETING })]);
  });

  it('should fail the run and text nobody when an edit is too long for maxSegments', async () => {
    const { id } = (await compose({ channel: 'sms', text: GREETING, recipients: [phone()], maxSegments: 1 }).expect(202)).body;
    await untilStatus(id, ['AWAITING_APPROVAL']);

    await decide(id, { decision: 'approve', edits: { text: 'a'.repeat(161) } });

    const failed = await untilStatus(id, ['FAILED']);
    expect(failed.error).toMatchObject({ class: 'ValidationFailedError', message: expect.stringContaining('invalid edits.text: SMS too long: the body needs 2 GSM-7 segments and the limit is 1') });
    expect(await outbox()).toEqual([]);
  });

  it('should text nobody when the reviewer rejects', async () => {
    const to = phone();

    const { compose: done, sends } = await sendApproved({ channel: 'sms', text: GREETING, recipients: [to] }, { decision: 'reject', comment: 'not this week' });

    expect(done.output).toMatchObject({ sendRunIds: [], recipients: [], approval: { decision: 'rejected', comment: 'not this week' } });
    expect(sends).toEqual([]);
    expect(await outbox()).toEqual([]);
    expect(await messagesTo(to)).toEqual([]);
  });

  it('should refuse a text too long for maxSegments with 400, before any run', async () => {
    const res = await compose({ channel: 'sms', text: 'a'.repeat(200), recipients: [phone()], maxSegments: 1 }).expect(400);

    expect(res.body).toMatchObject({ statusCode: 400, message: expect.stringContaining('invalid input.text: SMS too long: the body needs 2 GSM-7 segments and the limit is 1') });
  });

  it.each([
    ['a number without its country code', { recipients: ['4155550100'] }, 'each value in recipients must be a phone number in E.164 form'],
    ['letters in the number', { recipients: ['+1 415 CALL NOW'] }, 'each value in recipients must be a phone number in E.164 form'],
    ['no recipient at all', {}, 'give recipients (phone numbers) or leadIds'],
    ['both brief and text', { recipients: ['+14155550100'], brief: 'x' }, 'give exactly one of brief (to have the message written) or text'],
  ])('should refuse %s with 400', async (_case, fields, message) => {
    const res = await compose({ channel: 'sms', text: GREETING, ...fields }).expect(400);

    expect(res.body.message).toContain(message);
  });

  it('should skip a number that texted STOP, text it again after START, and keep the consent history', async () => {
    const [stopped, other] = [phone(), phone()];
    expect((await inbound(stopped, ' stop ').expect(202)).body).toEqual({ outcome: 'opted_out', channel: 'sms', from: stopped, changed: true, messageId: null });
    expect((await inbound(stopped, 'STOP').expect(202)).body).toMatchObject({ outcome: 'opted_out', changed: false });

    const first = await sendApproved({ channel: 'sms', text: GREETING, recipients: [stopped, other] });
    expect(first.compose.output).toMatchObject({ recipients: [other], skipped: [{ recipient: stopped, reason: 'suppressed' }] });
    expect((await outbox()).map((e) => e.input.to)).toEqual([other]);

    expect((await inbound(stopped, 'START').expect(202)).body).toMatchObject({ outcome: 'opted_in', changed: true });
    await http().delete('/v1/connectors/mock/outbox').set(auth()).expect(204);
    await sendApproved({ channel: 'sms', text: GREETING, recipients: [stopped] });
    expect((await outbox()).map((e) => e.input.to)).toEqual([stopped]);

    const consent = await sql.query("SELECT status, source FROM consent_records WHERE address = $1 AND channel = 'SMS' ORDER BY recorded_at, id", [stopped]);
    expect(consent.rows).toEqual([
      { status: 'REVOKED', source: 'sms:inbound' },
      { status: 'GRANTED', source: 'sms:inbound' },
    ]);
  });

  it('should not text a recipient who sent STOP while the send waited for approval, and record the message SUPPRESSED', async () => {
    const to = phone();
    const { id } = (await compose({ channel: 'sms', text: GREETING, recipients: [to] }).expect(202)).body;
    await untilStatus(id, ['AWAITING_APPROVAL']);

    await inbound(to, 'UNSUBSCRIBE').expect(202);
    await decide(id, { decision: 'approve' });

    const done = await untilStatus(id, ['COMPLETED']);
    const [send] = await Promise.all(done.output.sendRunIds!.map((sendId) => untilStatus(sendId, ['COMPLETED'])));
    expect(send.output).toMatchObject({ status: 'SUPPRESSED', providerMessageId: null });
    expect(await outbox()).toEqual([]);
    expect(await messagesTo(to)).toEqual([expect.objectContaining({ status: 'SUPPRESSED', provider_message_id: null, dedupe_key: `sms:${id}:${to}` })]);
  });

  it('should keep any other reply as an inbound message, once per provider message id', async () => {
    const from = phone();
    const reply = { from, to: '+15005550006', text: 'What time do you open on Saturday?', channel: 'sms', messageId: `SM${'a'.repeat(32)}` };

    const first = (await http().post('/v1/sms/inbound').set(auth()).send(reply).expect(202)).body;
    const again = (await http().post('/v1/sms/inbound').set(auth()).send(reply).expect(202)).body;

    expect(first).toMatchObject({ outcome: 'received', from, messageId: expect.any(String) });
    expect(again.messageId).toBe(first.messageId);
    const rows = await sql.query('SELECT direction, status, body, to_address FROM messages WHERE from_address = $1', [from]);
    expect(rows.rows).toEqual([{ direction: 'INBOUND', status: 'RECEIVED', body: reply.text, to_address: '+15005550006' }]);
  });

  it("should hold a send in the recipient's quiet hours: the stage run waits until they end in the recipient's zone", async () => {
    const night = zoneWhereItIs(2);
    const to = phone();
    await http().post('/v1/leads').set(auth()).send({ phone: to, name: 'Night owl', timezone: night }).expect(201);

    const { id } = (await compose({ channel: 'sms', text: GREETING, recipients: [to] }).expect(202)).body;
    await untilStatus(id, ['AWAITING_APPROVAL']);
    await decide(id, { decision: 'approve' });
    const done = await untilStatus(id, ['COMPLETED']);

    const waiting = await untilStatus(done.output.sendRunIds![0], ['WAITING']);
    // 02:xx there now: the default quiet hours (21:00-08:00) end at 08:00 the same day, there.
    const endOfQuietHours = DateTime.now().setZone(night).set({ hour: 8, minute: 0, second: 0, millisecond: 0 });
    expect(waiting.wakeAt).toBe(endOfQuietHours.toJSDate().toISOString());
    expect(await outbox()).toEqual([]);
    expect(await messagesTo(to)).toEqual([]);
  });

  it('should text leads at their numbers, skip unknown leads, and count the sends for the campaign', async () => {
    const to = phone();
    const lead = (await http().post('/v1/leads').set(auth()).send({ phone: to, timezone: zoneWhereItIs(13) }).expect(201)).body;
    const missing = '0b9f8e7d-6c5b-4a39-8271-605f4e3d2c1b';
    const campaign = await sql.query("INSERT INTO campaigns (organization_id, name, goal, updated_at) VALUES ($1, 'Huila relaunch', 'awareness', now()) RETURNING id", [api.organizationId]);
    const campaignId = campaign.rows[0].id as string;

    const { compose: done, sends } = await sendApproved({ channel: 'sms', text: GREETING, leadIds: [lead.id, missing], campaignId });

    expect(done.output).toMatchObject({ recipients: [to], skipped: [{ recipient: missing, reason: 'lead_not_found' }] });
    expect(sends[0].output).toMatchObject({ status: 'SENT', timezone: zoneWhereItIs(13) });
    const rows = await sql.query(
      "SELECT m.campaign_id, cm.kind, cm.channel, cm.subject_type FROM messages m JOIN campaign_metrics cm ON cm.subject_id = m.id WHERE m.to_address = $1",
      [to],
    );
    expect(rows.rows).toEqual([{ campaign_id: campaignId, kind: 'sent', channel: 'sms', subject_type: 'message' }]);
  });

  it("should fail the run, texting nobody, for another organization's campaign or an unknown brand", async () => {
    const stranger = await createTenant(sql, `sms-${Date.now()}`);
    const theirs = await sql.query("INSERT INTO campaigns (organization_id, name, goal, updated_at) VALUES ($1, 'Theirs', 'sales', now()) RETURNING id", [stranger.organizationId]);

    const campaignRun = (await compose({ channel: 'sms', text: GREETING, recipients: [phone()], campaignId: theirs.rows[0].id }).expect(202)).body;
    const brandRun = (await compose({ channel: 'sms', brief: 'Weekend tasting', recipients: [phone()], brandId: '6d5c4b3a-2918-4f7e-8d6c-5b4a39281706' }).expect(202)).body;

    expect((await untilStatus(campaignRun.id, ['FAILED'])).error).toMatchObject({ class: 'NotFoundError', message: `campaign ${theirs.rows[0].id} not found` });
    expect((await untilStatus(brandRun.id, ['FAILED'])).error).toMatchObject({ message: expect.stringContaining('6d5c4b3a-2918-4f7e-8d6c-5b4a39281706') });
    expect(await outbox()).toEqual([]);
  });

  it('should send a WhatsApp message through whatsapp.send_message, and record it without segments', async () => {
    const to = phone();

    const { sends } = await sendApproved({ channel: 'whatsapp', text: GREETING, recipients: [to] });

    const sent = await outbox();
    expect(sent.map((e) => [e.connector, e.action, e.input.to, e.input.text])).toEqual([['whatsapp', 'send_message', to, GREETING]]);
    expect(sends[0].output).toMatchObject({ status: 'SENT', channel: 'whatsapp', providerMessageId: sent[0].output.messageId });
    expect(await messagesTo(to)).toEqual([expect.objectContaining({ channel: 'WHATSAPP', status: 'SENT', encoding: null, segments: null, connector_key: 'whatsapp' })]);
  });

  it('should record FAILED when the provider refuses the send for good (revoked access)', async () => {
    const to = phone();
    await http().put('/v1/connectors/mock/failures').set(auth()).send({ rules: [{ connector: 'twilio', action: 'send_sms', failure: 'AUTH_REVOKED', times: 1 }] }).expect(200);

    const { sends } = await sendApproved({ channel: 'sms', text: GREETING, recipients: [to] });

    expect(sends[0].output).toMatchObject({ status: 'FAILED', error: expect.stringContaining('revoked') });
    expect(await messagesTo(to)).toEqual([expect.objectContaining({ status: 'FAILED', provider_message_id: null })]);
  });

  it('should send without asking when the organization needs no approval for SMS', async () => {
    await configure({ approvalPolicies: { 'sms.send': { mode: 'never' } } });
    const to = phone();

    const { id } = (await compose({ channel: 'sms', text: GREETING, recipients: [to] }).expect(202)).body;
    const done = await untilStatus(id, ['COMPLETED']);

    expect(done.output).toMatchObject({ approval: null, recipients: [to] });
    await Promise.all(done.output.sendRunIds!.map((sendId) => untilStatus(sendId, ['COMPLETED'])));
    expect((await outbox()).map((e) => e.input.to)).toEqual([to]);
  });
});
