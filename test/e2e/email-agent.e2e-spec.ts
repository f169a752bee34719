import { randomBytes, randomUUID } from 'node:crypto';
import { RUN_QUEUES } from '../../src/modules/agents/agent-queues';
import { runJobId } from '../../src/modules/orchestration/queue/run-job';
import { bearer } from '../support/app';
import { address, EmailStack } from '../support/email-stack';
import { SmtpFake } from '../support/fakes/smtp-fake';
import { createTenant, type Tenant } from '../support/tenants';

describe('The email agent on the mock providers (API and worker processes)', () => {
  const stack = new EmailStack();
  let other: Tenant;

  beforeAll(async () => {
    await stack.start();
    other = await createTenant(stack.sql, `email-other-${randomBytes(3).toString('hex')}`);
  }, 90_000);
  afterAll(() => stack.stop());
  beforeEach(async () => {
    await stack.api.http.delete('/v1/connectors/mock/outbox').set(bearer(stack.api.apiKey)).expect(204);
  });

  const suppress = (addressed: string) => stack.api.http.post('/v1/suppressions').set(bearer(stack.api.apiKey)).send({ channel: 'EMAIL', address: addressed, reason: 'UNSUBSCRIBED' }).expect(201);

  it('should draft, ask once, and after approval send one email per recipient with the unsubscribe line, recording messages, the sequence and metrics', async () => {
    const recipients = [address('ana'), address('bo'), address('cy')];
    const { id } = (await stack.compose({ brief: 'Our Huila single origin is back: bright, citrusy, limited', recipients: [recipients[0].toUpperCase(), ...recipients.slice(1), recipients[1]] }).expect(202)).body;

    const waiting = await stack.until(id, ['AWAITING_APPROVAL']);
    expect(waiting.toolExecutions.map((s) => `${s.tool}.${s.action}`)).toEqual(['agent_config.read', 'email.sender', 'audience.suppressed', 'llm.generate']);
    const approval = (await stack.pendingApproval(id))!;
    expect(approval).toMatchObject({ agent: 'email', title: expect.stringMatching(/^Send ".+" to 3 recipient\(s\)$/), payload: { connector: 'smtp', recipientCount: 3, recipients, suppressedCount: 0 } });
    expect(approval.payload.footer).toContain('unsubscribe');
    expect(await stack.outbox()).toEqual([]);

    await stack.decide(id, { decision: 'approve' });
    const done = await stack.until(id, ['COMPLETED']);

    expect(done.output).toMatchObject({ status: 'QUEUED', connector: 'smtp', recipients, suppressed: [], subjects: [approval.payload.subject], approval: { decision: 'approved', edited: false } });
    expect(done.output!.sendRunIds).toHaveLength(3);
    const sends = await stack.sends(id);
    expect(sends.map((s) => s.status)).toEqual(['COMPLETED', 'COMPLETED', 'COMPLETED']);
    const emails = await stack.outbox();
    expect(emails.map((e) => e.input.to[0]).sort()).toEqual([...recipients].sort());
    for (const email of emails) {
      expect(email).toMatchObject({ connector: 'smtp', input: { subject: approval.payload.subject } });
      expect(email.input.text).toContain(approval.payload.body);
      expect(email.input.text).toContain(`You are receiving this email as ${email.input.to[0]}`);
      expect(email.input.text).toMatch(/To unsubscribe, reply with "unsubscribe"/);
    }
    const sequenceId = done.output!.sequenceId;
    const messages = await stack.messages(sequenceId);
    expect(messages).toHaveLength(3);
    expect(messages.every((m) => m.status === 'SENT' && m.provider_message_id && m.email_sequence_id === sequenceId && m.sent_at)).toBe(true);
    const sequence = (await stack.sql.query('SELECT status, run_id, steps FROM email_sequences WHERE id = $1', [sequenceId])).rows[0];
    expect(sequence).toMatchObject({ status: 'ACTIVE', run_id: id, steps: [expect.objectContaining({ step: 1, subject: approval.payload.subject })] });
    const messageIds = (await stack.sql.query('SELECT id FROM messages WHERE email_sequence_id = $1', [sequenceId])).rows.map((r) => r.id);
    expect(await stack.metrics([sequenceId, ...messageIds])).toEqual([{ kind: 'queued', value: 3 }, { kind: 'sent', value: 3 }]);
  });

  it('should leave a suppressed recipient out: no email, a SUPPRESSED message and a suppressed count', async () => {
    const [kept, gone] = [address('kept'), address('gone')];
    await suppress(gone);

    const { run, approval } = await stack.composeAndDecide({ brief: 'Spring sale', recipients: [kept, gone] }, { decision: 'approve' });

    expect(approval.payload).toMatchObject({ recipientCount: 1, recipients: [kept], suppressedCount: 1 });
    expect(run.toolExecutions.find((s) => s.tool === 'audience')).toMatchObject({ action: 'suppressed', input: { addresses: [kept, gone] }, output: { suppressed: [gone] } });
    expect(run.output).toMatchObject({ recipients: [kept], suppressed: [gone] });
    await stack.sends(run.id);
    expect((await stack.outbox()).map((e) => e.input.to)).toEqual([[kept]]);
    const messages = await stack.messages(run.output.sequenceId);
    expect(messages.map((m) => [m.to_address, m.status])).toEqual(expect.arrayContaining([[kept, 'SENT'], [gone, 'SUPPRESSED']]));
    expect(await stack.metrics([run.output.sequenceId])).toEqual([{ kind: 'queued', value: 1 }, { kind: 'suppressed', value: 1 }]);
  });

  it("should send the reviewer's edited subject and body instead of the draft", async () => {
    const to = address('edited');

    const { run } = await stack.composeAndDecide({ brief: 'Roastery open day', recipients: [to] }, { decision: 'approve', edits: { subject: '  Come to our\nopen day ', body: 'Saturday 10:00, free tastings.' } });

    expect(run.output).toMatchObject({ subjects: ['Come to our open day'], approval: { edited: true } });
    await stack.sends(run.id);
    const [email] = await stack.outbox();
    expect(email.input.subject).toBe('Come to our open day');
    expect(email.input.text).toMatch(/^Saturday 10:00, free tastings\.\n\n--\nYou are receiving this email as /);
  });

  it('should fail the run without sending when an edit has the wrong shape', async () => {
    const who = await stack.tenant('email-odd-edit');
    const { id } = (await stack.compose({ brief: 'Odd edit', recipients: [address('odd')] }, who.apiKey).expect(202)).body;
    await stack.until(id, ['AWAITING_APPROVAL'], who.apiKey);

    await stack.decide(id, { decision: 'approve', edits: { subject: 42 } }, who.apiKey);

    expect(await stack.until(id, ['FAILED'], who.apiKey)).toMatchObject({ error: { class: 'ValidationFailedError', message: expect.stringContaining('edits.subject') } });
    expect(await stack.outbox(who.apiKey)).toEqual([]);
  });

  it('should send nothing when rejected, and keep the declined draft as a CANCELLED sequence', async () => {
    const { run } = await stack.composeAndDecide({ brief: 'Rejected idea', recipients: [address('no')] }, { decision: 'reject', comment: 'off brand' });

    expect(run.output).toMatchObject({ status: 'REJECTED', sendRunIds: [], approval: { decision: 'rejected' } });
    expect(await stack.sends(run.id)).toEqual([]);
    expect(await stack.outbox()).toEqual([]);
    expect((await stack.sql.query('SELECT status FROM email_sequences WHERE id = $1', [run.output.sequenceId])).rows).toEqual([{ status: 'CANCELLED' }]);
    expect(await stack.messages(run.output.sequenceId)).toEqual([]);
  });

  it('should send nothing when nobody decides before the approval expires', async () => {
    const { id } = (await stack.compose({ brief: 'Late', recipients: [address('late')], approvalExpiresInMs: 1_500 }).expect(202)).body;

    const done = await stack.until(id, ['COMPLETED']);

    expect(done.output).toMatchObject({ status: 'EXPIRED', sendRunIds: [], approval: { decision: 'expired', reviewer: null } });
    expect(await stack.outbox()).toEqual([]);
  });

  it('should schedule the later steps of a sequence delayDays after the decision, as delayed send runs', async () => {
    const recipients = [address('seq1'), address('seq2')];

    const { run } = await stack.composeAndDecide({ brief: 'Welcome series', recipients, sequence: { steps: 2, delayDays: 3 } }, { decision: 'approve' });

    const decidedAt = new Date(run.output.approval!.decidedAt).getTime();
    expect(run.toolExecutions.filter((s) => s.tool === 'llm')).toHaveLength(2);
    const sends = await stack.sends(run.id);
    expect(sends.map((s) => [s.input.step, s.status])).toEqual([[1, 'COMPLETED'], [1, 'COMPLETED'], [2, 'QUEUED'], [2, 'QUEUED']]);
    for (const later of sends.slice(2)) expect(later.wake_at?.getTime()).toBe(decidedAt + 3 * 86_400_000);
    expect((await stack.outbox()).map((e) => e.input.subject)).toEqual([run.output.subjects[0], run.output.subjects[0]]);
    const sequence = (await stack.sql.query('SELECT steps FROM email_sequences WHERE id = $1', [run.output.sequenceId])).rows[0];
    expect(sequence.steps.map((s: { step: number; delayDays: number; sendAt: string }) => [s.step, s.delayDays, new Date(s.sendAt).getTime()])).toEqual([[1, 0, decidedAt], [2, 3, decidedAt + 3 * 86_400_000]]);
  });

  it('should honour a suppression added between the approval and the send: the later step writes SUPPRESSED and sends nothing', async () => {
    const to = address('changed-mind');
    const { run } = await stack.composeAndDecide({ brief: 'Two-step nurture', recipients: [to], sequence: { steps: 2, delayDays: 1 } }, { decision: 'approve' });
    const [, later] = await stack.sends(run.id);
    expect((await stack.outbox())).toHaveLength(1);
    await suppress(to);

    // Step 2's time comes now instead of in a day: its row and its delayed job are moved forward.
    await stack.sql.query('UPDATE agent_runs SET wake_at = now() WHERE id = $1', [later.id]);
    await (await stack.queue(RUN_QUEUES.emailSend).getJob(runJobId(later.id, 0)))!.promote();
    const ended = await stack.until(later.id, ['COMPLETED']);

    expect(ended.output).toMatchObject({ status: 'SUPPRESSED', step: 2, to });
    expect(ended.toolExecutions.map((s) => `${s.tool}.${s.action}`)).toEqual(['audience.suppressed']);
    expect(await stack.outbox()).toHaveLength(1);
    expect((await stack.messages(run.output.sequenceId)).map((m) => [m.sequence_step, m.status])).toEqual([[1, 'SENT'], [2, 'SUPPRESSED']]);
  });

  it('should write two subjects and an A/B test, each subject to half of the recipients', async () => {
    const recipients = [address('ab1'), address('ab2'), address('ab3'), address('ab4')];

    const { run, approval } = await stack.composeAndDecide({ brief: 'Cold brew season starts', recipients, abTestSubjects: true }, { decision: 'approve' });

    const { subjects, abTestId } = run.output;
    const subjectB = run.output.subjectB!;
    expect(subjectB).toBe(approval.payload.subjectB);
    expect(subjectB).not.toBe(subjects[0]);
    await stack.sends(run.id);
    const bySubject = (await stack.outbox()).reduce<Record<string, string[]>>((acc, e) => ({ ...acc, [e.input.subject]: [...(acc[e.input.subject] ?? []), e.input.to[0]].sort() }), {});
    expect(bySubject).toEqual({ [subjects[0]]: [recipients[0], recipients[2]].sort(), [subjectB]: [recipients[1], recipients[3]].sort() });
    const test = (await stack.sql.query('SELECT email_sequence_id, metric, status, variants FROM ab_tests WHERE id = $1', [abTestId])).rows[0];
    expect(test).toEqual({ email_sequence_id: run.output.sequenceId, metric: 'open_rate', status: 'RUNNING', variants: [{ key: 'A', subject: subjects[0], recipients: 2 }, { key: 'B', subject: subjectB, recipients: 2 }] });
  });

  it("should follow the organization's configuration: no approval, the connector it names, its brand's voice, hints and unsubscribe link", async () => {
    const who = await stack.tenant('email-configured');
    const brand = (await stack.api.http.post('/v1/brands').set(bearer(who.apiKey)).send({ name: 'Northwind Coffee' }).expect(201)).body;
    await stack.api.http.post(`/v1/brands/${brand.id}/voices`).set(bearer(who.apiKey)).send({ name: 'Warm', tone: ['warm'], examples: ['Fresh beans from the farm, roasted this week for you.'] }).expect(201);
    const config = {
      brandId: brand.id,
      connections: { email: 'gmail' },
      approvalPolicies: { 'email.send': { mode: 'never' } },
      promptHints: ['Sign as the Northwind team.'],
      settings: { unsubscribeUrl: 'https://northwind.example/unsubscribe?e={email}' },
    };
    await stack.api.http.put('/v1/agents/email/config').set(bearer(who.apiKey)).send(config).expect(200);
    const to = address('configured+news');

    const { id } = (await stack.compose({ brief: 'Harvest notes', recipients: [to] }, who.apiKey).expect(202)).body;
    const done = await stack.until(id, ['COMPLETED'], who.apiKey);

    expect(done.output).toMatchObject({ status: 'QUEUED', connector: 'gmail', approval: null });
    expect(done.toolExecutions.map((s) => `${s.tool}.${s.action}`)).toEqual(['agent_config.read', 'audience.suppressed', 'brand.voice', 'llm.generate', 'runs.start']);
    expect(done.toolExecutions[3].input.system).toEqual(expect.stringContaining('Write as Northwind Coffee (Warm voice).'));
    expect(done.toolExecutions[3].input.system).toEqual(expect.stringContaining('Sign as the Northwind team.'));
    await stack.sends(id);
    const [email] = await stack.outbox(who.apiKey);
    expect(email).toMatchObject({ connector: 'gmail', input: { to: [to] } });
    expect(email.input.text).toContain(`unsubscribe here: https://northwind.example/unsubscribe?e=${encodeURIComponent(to)}.`);
  });

  it('should write from a content of the organization, for the leads in a status', async () => {
    const leads = [address('lead1'), address('lead2')];
    for (const email of leads) await stack.api.http.post('/v1/leads').set(bearer(stack.api.apiKey)).send({ email, status: 'QUALIFIED' }).expect(201);
    const [content] = (await stack.sql.query(`INSERT INTO contents (organization_id, kind, title, brief, updated_at) VALUES ($1, 'NEWSLETTER', 'March roast notes', 'Monthly notes', now()) RETURNING id`, [stack.api.organizationId])).rows;
    await stack.sql.query(`INSERT INTO content_versions (organization_id, content_id, version, title, body) VALUES ($1, $2, 1, 'March roast notes', 'Our Ethiopian Guji tastes of blueberries and jasmine this month.')`, [stack.api.organizationId, content.id]);

    const { run, approval } = await stack.composeAndDecide({ contentId: content.id, leadStatus: 'QUALIFIED' }, { decision: 'approve' });

    expect(run.toolExecutions.find((s) => s.tool === 'llm')!.input.prompt).toContain('blueberries and jasmine');
    expect(approval.payload.recipients).toEqual(expect.arrayContaining(leads));
    await stack.sends(run.id);
    expect((await stack.outbox()).map((e) => e.input.to[0])).toEqual(expect.arrayContaining(leads));
  });

  it("should fail the run, sending nothing, for another organization's campaign, content or brand", async () => {
    const [campaign] = (await stack.sql.query(`INSERT INTO campaigns (organization_id, name, goal, updated_at) VALUES ($1, 'Theirs', 'Their goal', now()) RETURNING id`, [other.organizationId])).rows;
    const [content] = (await stack.sql.query(`INSERT INTO contents (organization_id, kind, title, brief, updated_at) VALUES ($1, 'NEWSLETTER', 'Theirs', 'Theirs', now()) RETURNING id`, [other.organizationId])).rows;
    const brand = (await stack.api.http.post('/v1/brands').set(bearer(other.apiKey)).send({ name: 'Their brand' }).expect(201)).body;
    const who = await stack.tenant('email-stranger');

    const withCampaign = (await stack.compose({ brief: 'Steal', campaignId: campaign.id, recipients: [address('x')] }, who.apiKey).expect(202)).body;
    const withContent = (await stack.compose({ contentId: content.id, recipients: [address('y')] }, who.apiKey).expect(202)).body;

    expect(await stack.until(withCampaign.id, ['FAILED'], who.apiKey)).toMatchObject({ error: { class: 'NotFoundError', message: `campaign ${campaign.id} not found` } });
    expect(await stack.until(withContent.id, ['FAILED'], who.apiKey)).toMatchObject({ error: { class: 'NotFoundError', message: `content ${content.id} not found` } });
    const withBrand = (await stack.compose({ brief: 'Borrowed voice', brandId: brand.id, recipients: [address('z')] }, who.apiKey).expect(202)).body;
    expect(await stack.until(withBrand.id, ['FAILED'], who.apiKey)).toMatchObject({ error: { class: 'BrandNotFoundError', message: `brand ${brand.id} not found` } });
    expect(await stack.outbox(who.apiKey)).toEqual([]);
    expect(await stack.pendingApproval(withCampaign.id, who.apiKey)).toBeUndefined();
  });

  it.each([
    ['neither brief nor contentId', { recipients: ['a@example.com'] }, 'brief or contentId'],
    ['neither recipients nor leadStatus', { brief: 'x' }, 'recipients or leadStatus'],
    ['both recipients and leadStatus', { brief: 'x', recipients: ['a@example.com'], leadStatus: 'NEW' }, 'recipients or leadStatus'],
    ['a recipient that is not an email', { brief: 'x', recipients: ['not-an-email'] }, 'input.recipients'],
    ['unsubscribed leads', { brief: 'x', leadStatus: 'UNSUBSCRIBED' }, 'input.leadStatus'],
    ['six steps', { brief: 'x', recipients: ['a@example.com'], sequence: { steps: 6 } }, 'input.sequence.steps'],
    ['more sends than one run starts', { brief: 'x', recipients: Array.from({ length: 300 }, (_, i) => `r${i}@example.com`), sequence: { steps: 4 } }, '1200 sends'],
    ['a campaign id that is not a UUID', { brief: 'x', recipients: ['a@example.com'], campaignId: '42' }, 'input.campaignId'],
  ])('should answer 400 for %s, before any run exists', async (_, input, problem) => {
    const res = await stack.compose(input).expect(400);

    expect(res.body.message).toContain(problem);
  });

  it('should refuse to start email-send directly: it is a stage of the email agent', async () => {
    const input = { sequenceId: randomUUID(), step: 1, to: 'a@example.com', subject: 'Hi', body: 'Hello', connector: 'smtp' };

    const res = await stack.api.http.post('/v1/runs').set(bearer(stack.api.apiKey)).send({ agent: 'email-send', input }).expect(400);

    expect(res.body.message).toContain('cannot be run directly');
  });
});

describe('The email agent against a real SMTP server (the local fake)', () => {
  const stack = new EmailStack();
  const login = { username: 'mailer@neonhub.test', password: `smtp-${randomBytes(12).toString('hex')}` };
  const smtp = new SmtpFake(login);
  const FROM = 'news@neonhub.test';
  let tenant: Tenant;

  beforeAll(async () => {
    await smtp.start();
    await stack.start({ CONNECTOR_SMTP_MODE: 'real' }, { modes: { smtp: 'real' } });
    // A fresh organization with only SMTP connected, to the fake: the agent chooses it.
    tenant = await createTenant(stack.sql, `email-real-${randomBytes(3).toString('hex')}`);
    await stack.api.http
      .put('/v1/connectors/smtp/credentials')
      .set(bearer(tenant.apiKey))
      .send({ secrets: { password: login.password }, metadata: { host: smtp.host, port: String(smtp.listeningPort), secure: 'false', username: login.username, fromAddress: FROM } })
      .expect(200);
  }, 90_000);
  afterAll(async () => {
    await stack.stop();
    await smtp.stop();
  });
  beforeEach(() => smtp.reset());

  it('should compose, and after approval deliver each email to the SMTP server with its subject and unsubscribe line', async () => {
    const recipients = [address('real1'), address('real2')];

    const { run, approval } = await stack.composeAndDecide({ brief: 'The spring collection is live', recipients }, { decision: 'approve' }, tenant.apiKey);

    expect(run.output).toMatchObject({ status: 'QUEUED', connector: 'smtp' });
    const sends = await stack.sends(run.id);
    expect(sends.map((s) => s.output?.status)).toEqual(['SENT', 'SENT']);
    expect(smtp.received).toHaveLength(2);
    for (const mail of smtp.received) {
      expect(mail.user).toBe(login.username);
      expect(mail.envelope.mailFrom).toBe(FROM);
      expect(mail.headers.subject).toBe(approval.payload.subject);
      expect(mail.text).toContain(approval.payload.body);
      expect(mail.text).toContain('To unsubscribe, reply with "unsubscribe"');
    }
    expect(smtp.received.map((m) => m.envelope.rcptTo[0]).sort()).toEqual([...recipients].sort());
    const messages = await stack.messages(run.output.sequenceId);
    expect(messages.map((m) => m.provider_message_id).sort()).toEqual(smtp.received.map((m) => m.headers['message-id']).sort());
  });

  it('should record a recipient the server refuses for good as a bounce, and suppress the address for later sends', async () => {
    const to = address('nobody');
    smtp.refuseNext('rcpt', 550, '5.1.1 Recipient address rejected: user unknown');

    const { run } = await stack.composeAndDecide({ brief: 'Bounce me', recipients: [to] }, { decision: 'approve' }, tenant.apiKey);

    const [send] = await stack.sends(run.id);
    expect(send).toMatchObject({ status: 'COMPLETED', output: { status: 'BOUNCED', error: expect.stringContaining('refused RCPT TO with 550 5.1.1') } });
    expect(smtp.received).toEqual([]);
    expect((await stack.messages(run.output.sequenceId)).map((m) => m.status)).toEqual(['FAILED']);
    const suppressions = (await stack.api.http.get(`/v1/suppressions?address=${to}`).set(bearer(tenant.apiKey)).expect(200)).body.items;
    expect(suppressions).toEqual([expect.objectContaining({ channel: 'EMAIL', reason: 'BOUNCED', source: `email-send ${send.id}` })]);
    const messageIds = (await stack.sql.query('SELECT id FROM messages WHERE run_id = $1', [send.id])).rows.map((r) => r.id);
    expect(await stack.metrics(messageIds)).toEqual([{ kind: 'bounced', value: 1 }]);

    const again = (await stack.compose({ brief: 'Bounce me again', recipients: [to] }, tenant.apiKey).expect(202)).body;
    expect((await stack.until(again.id, ['COMPLETED'], tenant.apiKey)).output).toMatchObject({ status: 'NOTHING_TO_SEND', suppressed: [to] });
  });
});
