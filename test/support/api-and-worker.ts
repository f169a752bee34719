import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { bearer, createTestApp, type TestApp } from './app';
import { connectMocks } from './connector-e2e';
import { pollUntil } from './poll';
import { DisposableRedis } from './redis-server';
import { TEST_ENCRYPTION_KEYS, type ServiceProcess } from './service-process';
import { createTenant, type Tenant } from './tenants';
import { startTestWorker } from './worker-process';

/** A run as GET /v1/runs/:id shows it (the parts agent specs read). */
export interface RunView<TOutput = Record<string, unknown>> {
  id: string;
  agent: string;
  status: string;
  output: TOutput | null;
  error: { class: string; message: string } | null;
  parentRunId: string | null;
  toolExecutions: Array<{ tool: string; action: string; input: unknown; output: unknown }>;
}

export interface ApprovalItem {
  id: string;
  runId: string;
  title: string;
  summary: string | null;
  payload: Record<string, unknown>;
  status: string;
}

const FINAL = ['COMPLETED', 'FAILED', 'CANCELLED', 'TIMED_OUT'];

/**
 * The API and a worker as separate processes sharing Postgres and a Redis of their own, the way
 * production runs agents that wait for a person: an async run, released while it waits, resumes
 * on the worker; the worker consumes every run queue (the stages' too). Connectors are mocks, the
 * model is the offline one. Helpers act as the seeded demo admin unless given a tenant's key.
 */
export function useApiAndWorker() {
  let redis: DisposableRedis | undefined;
  let api: TestApp | undefined;
  let sql: Client | undefined;
  const workers: ServiceProcess[] = [];

  beforeAll(async () => {
    redis = await DisposableRedis.create();
    await redis.start();
    api = await createTestApp({ redisUrl: redis.url, encryptionKeys: TEST_ENCRYPTION_KEYS });
    sql = new Client({ connectionString: api.db.url });
    await sql.connect();
    await startTestWorker({ DATABASE_URL: api.db.url, REDIS_URL: redis.url, DATABASE_POOL_SIZE: '3', USE_MOCK_CONNECTORS: 'true', NEONHUB_ENCRYPTION_KEYS: TEST_ENCRYPTION_KEYS }, workers);
    // A deadline, not an expectation: a migrated, seeded database and a worker compiled from sources take a while on a busy machine.
  }, 120_000);

  afterAll(async () => {
    await sql?.end();
    await Promise.all(workers.map((w) => w.stop()));
    await api?.close();
    await redis?.stop();
  });

  const ready = () => {
    if (!api || !sql) throw new Error('useApiAndWorker: the processes exist only inside tests and hooks');
    return { api, sql };
  };
  const key = (apiKey?: string) => bearer(apiKey ?? ready().api.apiKey);

  const context = {
    get api() {
      return ready().api;
    },
    get sql() {
      return ready().sql;
    },
    get http() {
      return ready().api.http;
    },
    auth: key,
    /** Another organization, connected to the mocks like the demo one. */
    async tenant(prefix = 'tenant'): Promise<Tenant> {
      const tenant = await createTenant(ready().sql, `${prefix}-${randomBytes(4).toString('hex')}`);
      await connectMocks(ready().api, tenant.organizationId);
      return tenant;
    },
    async run<T = Record<string, unknown>>(id: string, apiKey?: string): Promise<RunView<T>> {
      return (await ready().api.http.get(`/v1/runs/${id}`).set(key(apiKey)).expect(200)).body as RunView<T>;
    },
    /** The run once it reaches one of `statuses`; a final status it did not expect fails at once, with the run. */
    async untilStatus<T = Record<string, unknown>>(id: string, statuses: string[], apiKey?: string): Promise<RunView<T>> {
      const run = await pollUntil(() => context.run<T>(id, apiKey), (r) => statuses.includes(r.status) || FINAL.includes(r.status), { timeoutMs: 20_000, what: `run ${id} to reach ${statuses.join(' or ')}` });
      if (!statuses.includes(run.status)) throw new Error(`run ${id} ended ${run.status} instead: ${JSON.stringify(run.error)}`);
      return run;
    },
    async pendingApproval(runId: string, apiKey?: string): Promise<ApprovalItem | undefined> {
      const inbox = (await ready().api.http.get('/v1/approvals?status=pending&limit=100').set(key(apiKey)).expect(200)).body as { items: ApprovalItem[] };
      return inbox.items.find((a) => a.runId === runId);
    },
    decide(runId: string, approvalId: string, body: object, apiKey?: string) {
      return ready().api.http.post(`/v1/runs/${runId}/approvals/${approvalId}`).set(key(apiKey)).send(body).expect(200);
    },
    async outbox(apiKey?: string): Promise<Array<{ connector: string; action: string; input: Record<string, unknown>; output: Record<string, unknown> }>> {
      return (await ready().api.http.get('/v1/connectors/mock/outbox').set(key(apiKey)).expect(200)).body;
    },
    configure(agent: string, config: object, apiKey?: string) {
      return ready().api.http.put(`/v1/agents/${agent}/config`).set(key(apiKey)).send(config).expect(200);
    },
  };
  return context;
}
