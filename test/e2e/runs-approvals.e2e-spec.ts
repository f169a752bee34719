import { loadConfig } from '../../src/config/app-config';
import { createTestApp, bearer, type TestApp } from '../support/app';
import type { FakeLlmServer } from '../support/llm/fake-llm-server';
import { openAiReplies, startFakeOpenAiServer } from '../support/llm/fake-openai-server';
import { countRows } from '../support/connector-e2e';
import { pollUntil } from '../support/poll';
import { DisposableRedis } from '../support/redis-server';
import { TEST_ENCRYPTION_KEYS, type ServiceProcess } from '../support/service-process';
import { DRAFT_APPROVE_SEND_AGENT, DraftApproveSendAgent } from '../support/wait-test-agents';
import { startTestWorker } from '../support/worker-process';

const DRAFT = 'Our Huila single origin is back: bright, citrusy, limited.';

/**
 * The point of approvals: an agent drafts with the model, asks a person, and only then emails.
 * The API and the worker are separate processes sharing Postgres and Redis; the run is released
 * while it waits (no process holds it) and resumes on a worker, replaying its recorded steps.
 */
describe('Approval waitpoints (API and worker processes)', () => {
  let redis: DisposableRedis;
  let model: FakeLlmServer;
  let api: TestApp;
  const workers: ServiceProcess[] = [];

  const workerEnv = () => ({
    DATABASE_URL: api.db.url,
    REDIS_URL: redis.url,
    DATABASE_POOL_SIZE: '3',
    RUN_LEASE_MS: '2000',
    USE_MOCK_CONNECTORS: 'true',
    LLM_PROVIDER: 'openai',
    LLM_BASE_URL: model.baseUrl,
    LLM_API_KEY: 'sk-e2e',
    LLM_MODEL: 'gpt-4o-mini',
    NEONHUB_ENCRYPTION_KEYS: TEST_ENCRYPTION_KEYS,
  });

  beforeAll(async () => {
    redis = await DisposableRedis.create();
    await redis.start();
    model = await startFakeOpenAiServer();
    const llm = { ...loadConfig().llm, provider: 'openai' as const, baseUrl: model.baseUrl, apiKey: 'sk-e2e', model: 'gpt-4o-mini' };
    // The worker decrypts the mock connections the seed stored with the API's key ring.
    api = await createTestApp({ redisUrl: redis.url, llm, encryptionKeys: TEST_ENCRYPTION_KEYS, runs: { ...loadConfig().runs, leaseMs: 2_000 } }, undefined, [DraftApproveSendAgent]);
    await startTestWorker(workerEnv(), workers);
  }, 60_000);

  afterAll(async () => {
    await Promise.all(workers.map((w) => w.stop()));
    await api?.close();
    await model?.close();
    await redis?.stop();
  });

  beforeEach(async () => {
    model.reset();
    model.respondWith(openAiReplies.text(DRAFT));
    await api.http.delete('/v1/connectors/mock/outbox').set(bearer(api.apiKey)).expect(204);
  });

  const http = () => api.http;
  const auth = () => bearer(api.apiKey);
  const submit = (input: object) => http().post('/v1/runs').set(auth()).send({ agent: DRAFT_APPROVE_SEND_AGENT, mode: 'async', input }).expect(202);
  const runOf = async (id: string) => (await http().get(`/v1/runs/${id}`).set(auth()).expect(200)).body;
  const FINAL = ['COMPLETED', 'FAILED', 'CANCELLED', 'TIMED_OUT'];
  /** The run once it reaches one of `statuses`; a final status it did not expect fails at once, with the run. */
  const untilStatus = async (id: string, statuses: string[]) => {
    const run = await pollUntil(() => runOf(id), (r) => statuses.includes(r.status) || FINAL.includes(r.status), { timeoutMs: 20_000, what: `run ${id} to reach ${statuses.join(' or ')}` });
    if (!statuses.includes(run.status)) throw new Error(`run ${id} ended ${run.status} instead: ${JSON.stringify(run.error)}`);
    return run;
  };
  const sentEmails = async () => ((await http().get('/v1/connectors/mock/outbox').set(auth()).expect(200)).body as Array<{ connector: string; input: { text: string } }>).filter((e) => e.connector === 'smtp');
  const pendingFor = async (runId: string) => {
    const inbox = (await http().get('/v1/approvals?status=pending&limit=100').set(auth()).expect(200)).body;
    return inbox.items.find((a: { runId: string }) => a.runId === runId);
  };

  it('should draft once, wait released, and send exactly one email after approval, replaying the draft', async () => {
    const { id } = (await submit({ brief: 'Huila is back', to: ['ana@example.com'] })).body;

    const waiting = await untilStatus(id, ['AWAITING_APPROVAL']);
    expect(waiting.toolExecutions.map((s: { tool: string }) => s.tool)).toEqual(['llm']);
    expect(await countRows(api.db.url, 'SELECT count(*) AS n FROM agent_runs WHERE id = $1 AND lease_owner IS NULL AND lease_expires_at IS NULL', [id])).toBe(1);
    const approval = await pendingFor(id);
    expect(approval).toMatchObject({ agent: DRAFT_APPROVE_SEND_AGENT, status: 'pending', title: 'Send "Huila is back" to 1 recipient(s)', payload: { text: DRAFT, to: ['ana@example.com'] } });
    expect(await sentEmails()).toHaveLength(0);

    const decided = await http().post(`/v1/runs/${id}/approvals/${approval.id}`).set(auth()).send({ decision: 'approve', comment: 'ship it' }).expect(200);
    expect(decided.body).toMatchObject({ status: 'approved', comment: 'ship it', reviewer: api.userId });

    const done = await untilStatus(id, ['COMPLETED', 'FAILED']);
    expect(done).toMatchObject({ status: 'COMPLETED', output: { sent: true, text: DRAFT } });
    expect(model.requests).toHaveLength(1);
    expect(await sentEmails()).toHaveLength(1);
    expect(done.toolExecutions.map((s: { tool: string; action: string }) => `${s.tool}.${s.action}`)).toEqual(['llm.generate', 'approval.request', 'smtp.send_email']);
    expect(done.toolExecutions[1].output).toMatchObject({ approved: true, decision: 'approved', comment: 'ship it' });
    expect(await pendingFor(id)).toBeUndefined();
  });

  it('should answer a second decision with 409 and send nothing more', async () => {
    const { id } = (await submit({ brief: 'Twice', to: ['bo@example.com'] })).body;
    await untilStatus(id, ['AWAITING_APPROVAL']);
    const approval = await pendingFor(id);
    await http().post(`/v1/runs/${id}/approvals/${approval.id}`).set(auth()).send({ decision: 'approve' }).expect(200);
    const again = await http().post(`/v1/runs/${id}/approvals/${approval.id}`).set(auth()).send({ decision: 'reject' }).expect(409);
    expect(again.body).toMatchObject({ statusCode: 409, message: expect.stringContaining('already decided: approved') });
    await untilStatus(id, ['COMPLETED']);
    expect(await sentEmails()).toHaveLength(1);
  });

  it('should send the reviewer\'s edit instead of the draft', async () => {
    const { id } = (await submit({ brief: 'Edited', to: ['cy@example.com'] })).body;
    await untilStatus(id, ['AWAITING_APPROVAL']);
    const approval = await pendingFor(id);
    await http().post(`/v1/runs/${id}/approvals/${approval.id}`).set(auth()).send({ decision: 'approve', edits: { text: 'Corrected copy.' } }).expect(200);
    expect(await untilStatus(id, ['COMPLETED'])).toMatchObject({ output: { sent: true, text: 'Corrected copy.' } });
    const emails = await sentEmails();
    expect(emails.map((e) => e.input.text)).toEqual(['Corrected copy.']);
  });

  it('should send nothing when rejected, and the run completes saying so', async () => {
    const { id } = (await submit({ brief: 'No', to: ['di@example.com'] })).body;
    await untilStatus(id, ['AWAITING_APPROVAL']);
    const approval = await pendingFor(id);
    await http().post(`/v1/runs/${id}/approvals/${approval.id}`).set(auth()).send({ decision: 'reject', comment: 'off brand' }).expect(200);
    expect(await untilStatus(id, ['COMPLETED'])).toMatchObject({ output: { sent: false, decision: 'rejected' } });
    expect(await sentEmails()).toHaveLength(0);
  });

  it('should record an expired approval as a rejection when nobody decides in time', async () => {
    const { id } = (await submit({ brief: 'Late', to: ['ed@example.com'], expiresInMs: 1_500 })).body;
    const waiting = await untilStatus(id, ['AWAITING_APPROVAL']);
    // The run wakes at the approval's expiry, on a delayed job: nothing else holds it meanwhile.
    expect(new Date(waiting.wakeAt).getTime()).toBeGreaterThan(new Date(waiting.createdAt).getTime());
    expect((await pendingFor(id)).expiresAt).toBe(waiting.wakeAt);
    const done = await untilStatus(id, ['COMPLETED']);
    expect(done.output).toEqual({ sent: false, decision: 'expired' });
    const expired = (await http().get('/v1/approvals?status=expired').set(auth()).expect(200)).body.items.find((a: { runId: string }) => a.runId === id);
    expect(expired).toMatchObject({ status: 'expired', reviewer: null });
    expect(await sentEmails()).toHaveLength(0);
    const late = await http().post(`/v1/runs/${id}/approvals/${expired.id}`).set(auth()).send({ decision: 'approve' });
    expect(late.status).toBe(409);
  });

  it('should send exactly one email when the worker is killed right after the decision', async () => {
    const { id } = (await submit({ brief: 'Crash', to: ['fa@example.com'] })).body;
    await untilStatus(id, ['AWAITING_APPROVAL']);
    const approval = await pendingFor(id);
    const [first] = workers.splice(0, 1);
    const decision = http().post(`/v1/runs/${id}/approvals/${approval.id}`).set(auth()).send({ decision: 'approve' });
    await Promise.all([decision.expect(200), first.stop()]);

    await startTestWorker(workerEnv(), workers);
    const done = await untilStatus(id, ['COMPLETED', 'FAILED']);
    expect(done.status).toBe('COMPLETED');
    expect(model.requests).toHaveLength(1);
    expect(await sentEmails()).toHaveLength(1);
  });

  it('should reject bad decisions with 400 and unknown approvals with 404', async () => {
    const { id } = (await submit({ brief: 'Bad input', to: ['ga@example.com'] })).body;
    await untilStatus(id, ['AWAITING_APPROVAL']);
    const approval = await pendingFor(id);
    const bad = await http().post(`/v1/runs/${id}/approvals/${approval.id}`).set(auth()).send({ decision: 'maybe' }).expect(400);
    expect(bad.body).toMatchObject({ statusCode: 400, requestId: expect.any(String) });
    await http().post(`/v1/runs/${id}/approvals/${approval.id}`).set(auth()).send({ decision: 'approve', edits: 'text' }).expect(400);
    await http().post(`/v1/runs/${id}/approvals/00000000-0000-4000-8000-000000000000`).set(auth()).send({ decision: 'approve' }).expect(404);
    await http().post(`/v1/runs/00000000-0000-4000-8000-000000000000/approvals/${approval.id}`).set(auth()).send({ decision: 'approve' }).expect(404);
    await http().get('/v1/approvals?status=sometimes').set(auth()).expect(400);
    // Cancelled while waiting: it never sends, and its approval leaves the inbox.
    await http().post(`/v1/runs/${id}/cancel`).set(auth()).expect(202);
    expect((await runOf(id)).status).toBe('CANCELLED');
    expect(await pendingFor(id)).toBeUndefined();
    await http().post(`/v1/runs/${id}/approvals/${approval.id}`).set(auth()).send({ decision: 'approve' }).expect(409);
    expect(await sentEmails()).toHaveLength(0);
  });
});
