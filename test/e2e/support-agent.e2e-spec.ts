import { useApiAndWorker } from '../support/api-and-worker';

interface SupportOutput {
  conversationId: string;
  inboundMessageId: string;
  replyMessageId: string;
  status: 'SENT' | 'ESCALATED';
  answer: string | null;
  confidence: { confidence: number; strength: number; coverage: number; missingTerms: string[] };
  threshold: number;
  citations: Array<{ marker: number; documentTitle: string }>;
  connector: string;
  providerMessageId: string | null;
  review?: { reason: string; decision: string; reviewer: string | null; edited: boolean; comment?: string };
}

const ANSWERABLE = 'How long does shipping to the European Union take?';
const UNANSWERABLE = 'What warranty covers refurbished drones?';
/** Straight replies unless unsure: the organization's policy for support.reply. */
const ANSWER_WHEN_SURE = { approvalPolicies: { 'support.reply': { mode: 'never' } } };

let threads = 0;
/** A new Slack thread per test: one conversation each. */
const slackThread = () => `C02MARKETNG:1712345678.${String(++threads).padStart(6, '0')}`;

/**
 * The support agent on the seeded demo organization (its knowledge base is a coffee roaster's),
 * the offline model and the mock connectors; API and worker processes, so runs that ask a person
 * are released and resume on the worker.
 */
describe('The support agent', () => {
  const sut = useApiAndWorker();

  const ask = (input: object, mode: 'sync' | 'async' = 'sync', apiKey?: string) => sut.http.post('/v1/runs').set(sut.auth(apiKey)).send({ agent: 'support', mode, input });
  const conversation = async (id: string, apiKey?: string) => (await sut.http.get(`/v1/conversations/${id}`).set(sut.auth(apiKey)).expect(200)).body;
  const slackSends = async () => (await sut.outbox()).filter((e) => e.connector === 'slack' && e.action === 'send_message');

  beforeEach(async () => {
    await sut.http.delete('/v1/connectors/mock/outbox').set(sut.auth()).expect(204);
    await sut.configure('support', ANSWER_WHEN_SURE);
  });

  it('should answer a question the knowledge base covers in its Slack thread, and record the conversation', async () => {
    const threadId = slackThread();

    const res = await ask({ channel: 'slack', threadId, from: 'U061F7AUR', text: ANSWERABLE }).expect(201);

    expect(res.body).toMatchObject({ status: 'COMPLETED', error: null });
    const output = res.body.output as SupportOutput;
    expect(output).toMatchObject({ status: 'SENT', connector: 'slack', threshold: 0.5 });
    expect(output.review).toBeUndefined();
    expect(output.confidence.confidence).toBeGreaterThanOrEqual(0.5);
    expect(output.citations[0]).toMatchObject({ documentTitle: 'Shipping and returns policy' });
    expect(res.body.toolExecutions.map((s: { tool: string; action: string }) => `${s.tool}.${s.action}`)).toEqual(['agent_config.read', 'knowledge.search', 'llm.generate', 'slack.send_message']);
    const [sent] = await slackSends();
    expect(sent.input).toEqual({ channel: 'C02MARKETNG', threadTs: threadId.split(':')[1], text: output.answer });
    expect(output.providerMessageId).toBe(sent.output.ts);

    const thread = await conversation(output.conversationId);
    expect(thread).toMatchObject({ id: output.conversationId, channel: 'slack', threadId, contact: 'U061F7AUR', status: 'ANSWERED' });
    expect(thread.messages).toEqual([
      expect.objectContaining({ id: output.inboundMessageId, direction: 'INBOUND', status: 'RECEIVED', body: ANSWERABLE, from: 'U061F7AUR', runId: res.body.id }),
      expect.objectContaining({ id: output.replyMessageId, direction: 'OUTBOUND', status: 'SENT', body: output.answer, connector: 'slack', to: threadId, providerMessageId: sent.output.ts, confidence: output.confidence.confidence, sentAt: expect.any(String) }),
    ]);
  });

  it('should keep one conversation per thread: a second question in the thread joins it', async () => {
    const threadId = slackThread();
    const first = (await ask({ channel: 'slack', threadId, from: 'U061F7AUR', text: ANSWERABLE }).expect(201)).body.output as SupportOutput;

    const second = (await ask({ channel: 'slack', threadId, from: 'U061F7AUR', text: 'Do subscriptions ship on the day I choose?' }).expect(201)).body.output as SupportOutput;

    expect(second.conversationId).toBe(first.conversationId);
    expect((await conversation(first.conversationId)).messages.map((m: { direction: string }) => m.direction)).toEqual(['INBOUND', 'OUTBOUND', 'INBOUND', 'OUTBOUND']);
  });

  it('should ask a person about a question the knowledge base cannot answer, and send their edited answer', async () => {
    const threadId = slackThread();
    const { id } = (await ask({ channel: 'slack', threadId, from: 'U07AB12CD', text: UNANSWERABLE }, 'async').expect(202)).body;

    await sut.untilStatus(id, ['AWAITING_APPROVAL']);
    const approval = await sut.pendingApproval(id);
    expect(approval).toMatchObject({ title: 'Reply on slack to U07AB12CD', summary: expect.stringContaining('may not answer it') });
    expect(approval!.payload).toMatchObject({ question: UNANSWERABLE, answer: expect.any(String), threadId, passages: expect.any(Array) });
    expect((approval!.payload.confidence as { confidence: number }).confidence).toBeLessThan(0.5);
    expect(await slackSends()).toEqual([]);

    await sut.decide(id, approval!.id, { decision: 'approve', edits: { answer: 'Refurbished drones carry a one-year warranty.' } });

    const done = await sut.untilStatus<SupportOutput>(id, ['COMPLETED']);
    expect(done.output).toMatchObject({ status: 'SENT', answer: 'Refurbished drones carry a one-year warranty.', citations: [], review: { reason: 'low-confidence', decision: 'approved', edited: true } });
    expect((await slackSends()).map((e) => e.input.text)).toEqual(['Refurbished drones carry a one-year warranty.']);
    const thread = await conversation(done.output!.conversationId);
    expect(thread.status).toBe('ANSWERED');
    expect(thread.messages[1]).toMatchObject({ status: 'SENT', body: 'Refurbished drones carry a one-year warranty.' });
  });

  it('should send nothing when the reviewer rejects, and leave the conversation ESCALATED', async () => {
    const { id } = (await ask({ channel: 'slack', threadId: slackThread(), from: 'U07AB12CD', text: UNANSWERABLE }, 'async').expect(202)).body;
    await sut.untilStatus(id, ['AWAITING_APPROVAL']);
    const approval = await sut.pendingApproval(id);

    await sut.decide(id, approval!.id, { decision: 'reject', comment: 'I will call them' });

    const done = await sut.untilStatus<SupportOutput>(id, ['COMPLETED']);
    expect(done.output).toMatchObject({ status: 'ESCALATED', answer: null, providerMessageId: null, review: { decision: 'rejected', comment: 'I will call them' } });
    expect(done.toolExecutions.map((s) => s.tool)).not.toContain('slack');
    expect(await slackSends()).toEqual([]);
    const thread = await conversation(done.output!.conversationId);
    expect(thread.status).toBe('ESCALATED');
    expect(thread.messages[1]).toMatchObject({ direction: 'OUTBOUND', status: 'ESCALATED', providerMessageId: null, sentAt: null, error: 'escalated: the reviewer rejected the answer (I will call them)' });
  });

  it('should escalate, sending nothing, when nobody decides before the approval expires', async () => {
    await sut.configure('support', { ...ANSWER_WHEN_SURE, settings: { approvalExpiresInMs: 1_500 } });
    const { id } = (await ask({ channel: 'discord', threadId: '1187654321098765432', from: 'maya.designs', text: UNANSWERABLE }, 'async').expect(202)).body;

    const done = await sut.untilStatus<SupportOutput>(id, ['COMPLETED']);

    expect(done.output).toMatchObject({ status: 'ESCALATED', connector: 'discord', review: { decision: 'expired', reviewer: null } });
    expect((await sut.outbox()).filter((e) => e.connector === 'discord')).toEqual([]);
    const thread = await conversation(done.output!.conversationId);
    expect(thread).toMatchObject({ channel: 'discord', status: 'ESCALATED' });
    expect(thread.messages[1]).toMatchObject({ status: 'ESCALATED', error: 'escalated: no decision before the approval expired' });
  });

  it("should ask first, however sure, while the organization's policy says every reply is approved (the default)", async () => {
    await sut.configure('support', {});
    const { id } = (await ask({ channel: 'slack', threadId: slackThread(), from: 'U061F7AUR', text: ANSWERABLE }, 'async').expect(202)).body;

    await sut.untilStatus(id, ['AWAITING_APPROVAL']);
    const approval = await sut.pendingApproval(id);
    expect(approval!.summary).toContain('replies on slack are approved before they are sent');
    await sut.decide(id, approval!.id, { decision: 'approve' });

    const done = await sut.untilStatus<SupportOutput>(id, ['COMPLETED']);
    expect(done.output).toMatchObject({ status: 'SENT', review: { reason: 'policy', decision: 'approved', edited: false } });
    expect((await slackSends()).map((e) => e.input.text)).toEqual([done.output!.answer]);
  });

  it("should answer an email through the configured email connector with a Re: subject, in the configured brand's voice", async () => {
    const brand = await sut.sql.query("SELECT id FROM brands WHERE organization_id = $1 AND name = 'Northwind Coffee'", [sut.api.organizationId]);
    await sut.configure('support', { ...ANSWER_WHEN_SURE, connections: { email: 'gmail' }, brandId: brand.rows[0].id, promptHints: ['Sign off as the Northwind crew.'] });

    const res = await ask({ channel: 'email', threadId: '18f3a2b4c5d6e7f8', from: 'jane@example.com', subject: 'Shipping to Berlin', text: ANSWERABLE }).expect(201);

    expect(res.body.output).toMatchObject({ status: 'SENT', connector: 'gmail' });
    const steps = res.body.toolExecutions as Array<{ tool: string; action: string; input: { system?: string } }>;
    expect(steps.map((s) => `${s.tool}.${s.action}`)).toEqual(['agent_config.read', 'knowledge.search', 'brand.voice', 'llm.generate', 'gmail.send_email']);
    expect(steps[3].input.system).toContain('Write as Northwind Coffee');
    expect(steps[3].input.system).toContain('Sign off as the Northwind crew.');
    const [email] = (await sut.outbox()).filter((e) => e.connector === 'gmail');
    expect(email.input).toMatchObject({ to: ['jane@example.com'], subject: 'Re: Shipping to Berlin', text: res.body.output.answer });
    expect(res.body.output.providerMessageId).toBe(email.output.id);
  });

  it('should fail the run and write nothing when Slack fails the send (a send that may have landed is not repeated)', async () => {
    const threadId = slackThread();
    await sut.http.put('/v1/connectors/mock/failures').set(sut.auth()).send({ rules: [{ connector: 'slack', action: 'send_message', failure: 'PROVIDER_ERROR', times: 1 }] }).expect(200);

    const res = await ask({ channel: 'slack', threadId, from: 'U061F7AUR', text: ANSWERABLE }).expect(201);

    expect(res.body).toMatchObject({ status: 'FAILED', error: { class: 'ConnectorError:PROVIDER_UNAVAILABLE' } });
    const rows = await sut.sql.query('SELECT id FROM conversations WHERE organization_id = $1 AND external_id = $2', [sut.api.organizationId, threadId]);
    expect(rows.rows).toEqual([]);
    expect(await slackSends()).toEqual([]);
  });

  it("should fail the run for another organization's brand, sending nothing", async () => {
    const other = await sut.tenant('support-brand');
    const brand = (await sut.http.post('/v1/brands').set(sut.auth(other.apiKey)).send({ name: 'Elsewhere' }).expect(201)).body;

    const res = await ask({ channel: 'slack', threadId: slackThread(), from: 'U061F7AUR', text: ANSWERABLE, brandId: brand.id }).expect(201);

    expect(res.body).toMatchObject({ status: 'FAILED', error: { class: 'BrandNotFoundError' } });
    expect(await slackSends()).toEqual([]);
  });

  it('should refuse a thread id or sender its channel cannot have with 400, before any run', async () => {
    const slack = await ask({ channel: 'slack', threadId: '1712345678.000100', from: 'U061F7AUR', text: ANSWERABLE }).expect(400);
    const email = await ask({ channel: 'email', threadId: 't-1', from: 'not an address', text: ANSWERABLE }).expect(400);
    const long = await ask({ channel: 'whatsapp', threadId: '+14155550123', from: '+14155550123', text: 'x'.repeat(4_001) }).expect(400);

    expect(slack.body.message).toContain('input.threadId');
    expect(email.body.message).toContain('input.from');
    expect(long.body.message).toContain('input.text');
  });

  describe('GET/PATCH /v1/conversations', () => {
    it('should list conversations most recently active first, filtered by status and channel, a page at a time', async () => {
      const answered = (await ask({ channel: 'slack', threadId: slackThread(), from: 'U1', text: ANSWERABLE }).expect(201)).body.output as SupportOutput;
      const whatsapp = (await ask({ channel: 'whatsapp', threadId: '+14155550188', from: '+14155550188', text: ANSWERABLE }).expect(201)).body.output as SupportOutput;

      const first = (await sut.http.get('/v1/conversations?limit=1').set(sut.auth()).expect(200)).body;
      const second = (await sut.http.get(`/v1/conversations?limit=1&cursor=${first.nextCursor}`).set(sut.auth()).expect(200)).body;
      const onWhatsapp = (await sut.http.get('/v1/conversations?channel=whatsapp').set(sut.auth()).expect(200)).body;
      const escalated = (await sut.http.get('/v1/conversations?status=ESCALATED').set(sut.auth()).expect(200)).body;

      expect(first.items.map((c: { id: string }) => c.id)).toEqual([whatsapp.conversationId]);
      expect(second.items.map((c: { id: string }) => c.id)).toEqual([answered.conversationId]);
      expect(onWhatsapp.items.map((c: { id: string }) => c.id)).toEqual([whatsapp.conversationId]);
      expect(escalated.items.every((c: { status: string }) => c.status === 'ESCALATED')).toBe(true);
      expect(escalated.items.map((c: { id: string }) => c.id)).not.toContain(answered.conversationId);
    });

    it('should close and reopen a conversation', async () => {
      const { conversationId } = (await ask({ channel: 'slack', threadId: slackThread(), from: 'U1', text: ANSWERABLE }).expect(201)).body.output as SupportOutput;

      const closed = await sut.http.patch(`/v1/conversations/${conversationId}`).set(sut.auth()).send({ status: 'CLOSED' }).expect(200);
      const closedList = (await sut.http.get('/v1/conversations?status=CLOSED').set(sut.auth()).expect(200)).body;
      const reopened = await sut.http.patch(`/v1/conversations/${conversationId}`).set(sut.auth()).send({ status: 'OPEN' }).expect(200);

      expect(closed.body).toMatchObject({ id: conversationId, status: 'CLOSED' });
      expect(closedList.items.map((c: { id: string }) => c.id)).toContain(conversationId);
      expect(reopened.body.status).toBe('OPEN');
    });

    it("should answer 404 for another organization's conversation and one that does not exist, 400 for bad input", async () => {
      const { conversationId } = (await ask({ channel: 'slack', threadId: slackThread(), from: 'U1', text: ANSWERABLE }).expect(201)).body.output as SupportOutput;
      const other = await sut.tenant('support-other');

      const get = await sut.http.get(`/v1/conversations/${conversationId}`).set(sut.auth(other.apiKey)).expect(404);
      await sut.http.patch(`/v1/conversations/${conversationId}`).set(sut.auth(other.apiKey)).send({ status: 'CLOSED' }).expect(404);
      await sut.http.get('/v1/conversations/7f0c2d9e-0b7a-4c51-9d3e-2b8f6a1c4e10').set(sut.auth()).expect(404);
      const listed = (await sut.http.get('/v1/conversations').set(sut.auth(other.apiKey)).expect(200)).body;

      expect(get.body).toMatchObject({ statusCode: 404, message: `conversation ${conversationId} not found` });
      expect(listed.items).toEqual([]);
      await sut.http.patch(`/v1/conversations/${conversationId}`).set(sut.auth()).send({ status: 'ANSWERED' }).expect(400);
      await sut.http.get('/v1/conversations?status=DONE').set(sut.auth()).expect(400);
      await sut.http.get('/v1/conversations?cursor=nonsense').set(sut.auth()).expect(400);
      await sut.http.get('/v1/conversations/not-a-uuid').set(sut.auth()).expect(400);
      expect((await conversation(conversationId)).status).toBe('ANSWERED');
    });
  });
});
