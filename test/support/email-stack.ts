import { Queue } from 'bullmq';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { redisOptionsFromUrl } from '../../src/infra/queue/redis-connection';
import type { EmailComposeOutput } from '../../src/modules/email/compose/email-compose.agent';
import type { EmailSendOutput } from '../../src/modules/email/send/email-send.agent';
import type { EmailSendInput } from '../../src/modules/email/send/email-send.input';
import { bearer, createTestApp, type TestApp } from './app';
import { connectMocks, connectorOverrides } from './connector-e2e';
import { pollUntil } from './poll';
import { DisposableRedis } from './redis-server';
import { TEST_ENCRYPTION_KEYS, type ServiceProcess } from './service-process';
import { createTenant, type Tenant } from './tenants';
import { startTestWorker } from './worker-process';
import { queuePrefix } from '../../src/infra/redis/redis-keys';

/** A run as GET /v1/runs/:id answers it, with the output of the email agent. */
export interface RunView<TOutput = EmailComposeOutput> {
  id: string;
  status: string;
  wakeAt: string | null;
  output: TOutput | null;
  error: { class: string; message: string } | null;
  toolExecutions: Array<{ tool: string; action: string; status: string; input: Record<string, unknown>; output: unknown }>;
}

/** The email agent's approval, as the inbox shows it (reviewRequest's payload). */
export interface EmailApproval {
  id: string;
  runId: string;
  agent: string;
  title: string;
  payload: { connector: string; recipientCount: number; recipients: string[]; suppressedCount: number; subject: string; subjectB?: string; body: string; footer: string };
}

export interface SendRunRow {
  id: string;
  status: string;
  wake_at: Date | null;
  input: EmailSendInput;
  output: EmailSendOutput | null;
}
interface OutboxEmail {
  connector: string;
  action: string;
  input: { to: string[]; subject: string; text: string };
}

export interface MessageRow {
  to_address: string;
  status: string;
  sequence_step: number;
  subject: string;
  body: string;
  provider_message_id: string | null;
  email_sequence_id: string | null;
  error: string | null;
  sent_at: Date | null;
}

export const FINAL = ['COMPLETED', 'FAILED', 'CANCELLED', 'TIMED_OUT'];
/** An address no other test uses: suppressions and leads are the organization's. */
export const address = (name: string) => `${name}-${randomBytes(3).toString('hex')}@example.com`;

/** The API and a worker, separate processes on one database and one Redis, as in production; the model is the offline one. */
export class EmailStack {
  redis!: DisposableRedis;
  api!: TestApp;
  sql!: Client;
  readonly workers: ServiceProcess[] = [];
  private readonly queues: Queue[] = [];

  async start(workerEnv: Record<string, string> = {}, apiConfig: Parameters<typeof connectorOverrides>[0] = {}): Promise<void> {
    this.redis = await DisposableRedis.create();
    await this.redis.start();
    // The worker decrypts the connections the seed (and the specs) stored with the API's key ring.
    this.api = await createTestApp({ ...connectorOverrides(apiConfig), redisUrl: this.redis.url, encryptionKeys: TEST_ENCRYPTION_KEYS });
    this.sql = new Client({ connectionString: this.api.db.url });
    await this.sql.connect();
    const env = { DATABASE_URL: this.api.db.url, REDIS_URL: this.redis.url, DATABASE_POOL_SIZE: '4', USE_MOCK_CONNECTORS: 'true', NEONHUB_ENCRYPTION_KEYS: TEST_ENCRYPTION_KEYS, ...workerEnv };
    await startTestWorker(env, this.workers);
  }

  async stop(): Promise<void> {
    await Promise.all(this.queues.map((q) => q.close()));
    await Promise.all(this.workers.map((w) => w.stop()));
    await this.sql?.end();
    await this.api?.close();
    await this.redis?.stop();
  }

  queue(name: string): Queue {
    const queue = new Queue(name, { connection: redisOptionsFromUrl(this.redis.url), prefix: queuePrefix(name) });
    this.queues.push(queue);
    return queue;
  }

  compose(input: object, key = this.api.apiKey) {
    return this.api.http.post('/v1/runs').set(bearer(key)).send({ agent: 'email', mode: 'async', input });
  }

  async run<TOutput = EmailComposeOutput>(id: string, key = this.api.apiKey): Promise<RunView<TOutput>> {
    return (await this.api.http.get(`/v1/runs/${id}`).set(bearer(key)).expect(200)).body;
  }

  /** The run once it reaches one of `statuses`; a final status it did not expect fails at once, with the run. */
  async until<TOutput = EmailComposeOutput>(id: string, statuses: string[], key = this.api.apiKey): Promise<RunView<TOutput>> {
    const run = await pollUntil(() => this.run<TOutput>(id, key), (r) => statuses.includes(r.status) || FINAL.includes(r.status), { timeoutMs: 30_000, what: `run ${id} to reach ${statuses.join(' or ')}` });
    if (!statuses.includes(run.status)) throw new Error(`run ${id} ended ${run.status} instead: ${JSON.stringify(run.error)}`);
    return run;
  }

  async pendingApproval(runId: string, key = this.api.apiKey): Promise<EmailApproval | undefined> {
    const inbox = (await this.api.http.get('/v1/approvals?status=pending&limit=100').set(bearer(key)).expect(200)).body as { items: EmailApproval[] };
    return inbox.items.find((a) => a.runId === runId);
  }

  async decide(runId: string, decision: object, key = this.api.apiKey): Promise<EmailApproval> {
    const approval = await this.pendingApproval(runId, key);
    if (!approval) throw new Error(`run ${runId} has no pending approval`);
    await this.api.http.post(`/v1/runs/${runId}/approvals/${approval.id}`).set(bearer(key)).send(decision).expect(200);
    return approval;
  }

  /** Compose, wait for its approval, decide, and wait for the compose run to complete. */
  async composeAndDecide(input: object, decision: object, key = this.api.apiKey): Promise<{ run: RunView & { output: EmailComposeOutput }; approval: EmailApproval }> {
    const { id } = (await this.compose(input, key).expect(202)).body;
    await this.until(id, ['AWAITING_APPROVAL'], key);
    const approval = await this.decide(id, decision, key);
    const run = await this.until(id, ['COMPLETED'], key);
    if (!run.output) throw new Error(`run ${id} completed without an output`);
    return { run: { ...run, output: run.output }, approval };
  }

  /** The email-send runs a compose run started, once every one not waiting for a later time has ended. */
  async sends(composeRunId: string): Promise<SendRunRow[]> {
    return pollUntil(
      async () => (await this.sql.query<SendRunRow>('SELECT id, status, wake_at, input, output FROM agent_runs WHERE parent_run_id = $1 ORDER BY created_at, id', [composeRunId])).rows,
      (rows) => rows.every((r) => FINAL.includes(r.status) || (r.status === 'QUEUED' && r.wake_at !== null)),
      { timeoutMs: 30_000, what: `the sends of run ${composeRunId} to end` },
    );
  }

  /** Another organization, connected to the mocks: its own outbox, and its own circuit breaker for runs expected to fail. */
  async tenant(prefix: string): Promise<Tenant> {
    const tenant = await createTenant(this.sql, `${prefix}-${randomBytes(3).toString('hex')}`);
    await connectMocks(this.api, tenant.organizationId);
    return tenant;
  }

  async outbox(key = this.api.apiKey): Promise<OutboxEmail[]> {
    return ((await this.api.http.get('/v1/connectors/mock/outbox').set(bearer(key)).expect(200)).body as OutboxEmail[]).filter((e) => e.action === 'send_email');
  }

  async messages(sequenceId: string | null) {
    return (await this.sql.query<MessageRow>('SELECT to_address, status, sequence_step, subject, body, provider_message_id, email_sequence_id, error, sent_at FROM messages WHERE dedupe_key LIKE $1 ORDER BY to_address, sequence_step', [`email:${sequenceId}:%`])).rows;
  }

  async metrics(subjectIds: Array<string | null>) {
    return (await this.sql.query<{ kind: string; value: number }>('SELECT kind, sum(value)::int AS value FROM campaign_metrics WHERE subject_id = ANY($1::uuid[]) GROUP BY kind ORDER BY kind', [subjectIds])).rows;
  }
}
