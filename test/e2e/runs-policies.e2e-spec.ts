import { setTimeout as delay } from 'node:timers/promises';
import { Client } from 'pg';
import { loadConfig } from '../../src/config/app-config';
import { createTenant } from '../support/tenants';
import { bearer, createTestApp, TestApp } from '../support/app';
import { pollUntil } from '../support/poll';

const DEFAULT_RUNS = loadConfig().runs;

/** One sample of the Prometheus exposition; 0 when the series does not exist yet. */
async function metric(app: TestApp, series: string): Promise<number> {
  const res = await app.http.get('/metrics').expect(200);
  const line = res.text.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
}

async function countRuns(app: TestApp, where = 'true'): Promise<number> {
  const db = new Client({ connectionString: app.db.url });
  await db.connect();
  try {
    return Number((await db.query(`SELECT count(*) AS n FROM agent_runs WHERE ${where}`)).rows[0].n);
  } finally {
    await db.end();
  }
}

const errorBody = (statusCode: number, error: string, message: unknown) => ({ statusCode, error, message, requestId: expect.any(String) });

describe('Circuit breaker on POST /v1/runs', () => {
  const HALF_OPEN_AFTER_MS = 1_000;
  let sut: TestApp;

  // A fresh process per test: the breaker lives in memory, and each test needs it closed to start.
  beforeEach(async () => {
    sut = await createTestApp({ runs: { ...DEFAULT_RUNS, circuitHalfOpenAfterMs: HALF_OPEN_AFTER_MS, maxAttempts: 1 } });
  }, 30_000);
  afterEach(() => sut.close());

  const startRun = (input: object) => sut.http.post('/v1/runs').set(bearer(sut.apiKey)).send({ agent: 'echo', input });
  const circuit = async () => (await sut.http.get('/v1/agents/echo').set(bearer(sut.apiKey)).expect(200)).body.circuit as string;

  async function openTheCircuit(): Promise<void> {
    for (let i = 0; i < DEFAULT_RUNS.circuitFailureThreshold; i++) {
      expect((await startRun({ fail: 'fatal' }).expect(201)).body.status).toBe('FAILED');
    }
  }

  it('should open after three failed runs and refuse the next request with 503, Retry-After and no run', async () => {
    const failuresBefore = await metric(sut, 'neonhub_circuit_breaker_failures_total{agent="echo"}');
    await openTheCircuit();
    const runsBefore = await countRuns(sut);

    const refused = await startRun({ message: 'refused' }).expect(503);

    expect(refused.headers['retry-after']).toBe('1');
    expect(refused.body).toEqual(errorBody(503, 'Service Unavailable', expect.stringContaining('agent echo is failing repeatedly; its circuit is open')));
    expect(await countRuns(sut)).toBe(runsBefore);
    expect(await circuit()).toBe('open');
    expect(await metric(sut, `neonhub_circuit_breaker_state{agent="echo",organization="${sut.organizationId}"}`)).toBe(1);
    expect(await metric(sut, 'neonhub_circuit_breaker_failures_total{agent="echo"}')).toBe(failuresBefore + 3);
  });

  it("should keep another organization's runs of the agent flowing while one organization's circuit is open", async () => {
    await openTheCircuit();
    const other = await createTenant(sut.db.url, `circuit-${Date.now()}`);

    const served = await sut.http.post('/v1/runs').set(bearer(other.apiKey)).send({ agent: 'echo', input: { message: 'mine' } }).expect(201);

    expect(served.body).toMatchObject({ status: 'COMPLETED', output: { message: 'mine' } });
    expect((await sut.http.get('/v1/agents/echo').set(bearer(other.apiKey)).expect(200)).body.circuit).toBe('closed');
    expect(await circuit()).toBe('open');
  });

  it('should let one probe through once the open period has passed, show halfOpen while it runs, and close on its success', async () => {
    await openTheCircuit();
    expect(await circuit()).toBe('open');

    // cockatiel moves an open breaker to half-open only when a call arrives after halfOpenAfter,
    // so the wait is a bounded series of probe requests. Each probe is slow enough to look at the
    // circuit while it runs; a refused one answers 503 straight away.
    const probe = async () => {
      const answer = startRun({ message: 'probe', delayMs: 400 }).then((res) => res);
      const early = await Promise.race([answer, delay(150).then(() => undefined)]);
      const circuitDuringProbe = early ? undefined : await circuit();
      const res = early ?? (await answer);
      return { status: res.status, body: res.body, circuitDuringProbe };
    };
    const admitted = await pollUntil(probe, (answer) => answer.status !== 503, {
      timeoutMs: HALF_OPEN_AFTER_MS + 3_000,
      intervalMs: 200,
      what: `a probe to be let through once the open period (halfOpenAfter ${HALF_OPEN_AFTER_MS} ms) has passed`,
    });

    expect(admitted.status).toBe(201);
    expect(admitted.body.status).toBe('COMPLETED');
    expect(admitted.circuitDuringProbe).toBe('halfOpen');
    expect(await circuit()).toBe('closed');
    expect(await metric(sut, `neonhub_circuit_breaker_state{agent="echo",organization="${sut.organizationId}"}`)).toBe(0);
    await startRun({ message: 'back to normal' }).expect(201);
  }, 15_000);
});

describe('Rate limit on POST /v1/runs across two API processes', () => {
  let a: TestApp;
  let b: TestApp;

  beforeAll(async () => {
    a = await createTestApp();
    b = await createTestApp({}, a.db);
  }, 30_000);
  afterAll(async () => {
    await b.close();
    await a.close();
  });

  const startRun = (app: TestApp) => app.http.post('/v1/runs').set(bearer(app.apiKey)).send({ agent: 'echo' });

  it('should share one per-minute budget between the processes and answer 429 with Retry-After beyond it', async () => {
    expect(a.config.runs.rateLimitPerMinute).toBe(60);
    const hitsBefore = await metric(a, 'neonhub_rate_limit_hits_total{agent="echo"}');

    const accepted = await Promise.all([...Array.from({ length: 30 }, () => startRun(a)), ...Array.from({ length: 30 }, () => startRun(b))]);
    expect(accepted.map((res) => res.status)).toEqual(Array(60).fill(201));
    const runsBefore = await countRuns(a);

    const overA = await startRun(a).expect(429);
    const overB = await startRun(b).expect(429);

    for (const res of [overA, overB]) {
      expect(res.body).toEqual(errorBody(429, 'Too Many Requests', 'rate limit of 60 runs per minute for agent echo reached; retry later'));
      expect(Number(res.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect(Number(res.headers['retry-after'])).toBeLessThanOrEqual(60);
    }
    expect(await countRuns(a)).toBe(runsBefore);
    expect(await metric(a, 'neonhub_rate_limit_hits_total{agent="echo"}')).toBe(hitsBefore + 2);
  }, 15_000);
});

describe('POST /v1/runs while Redis is unreachable', () => {
  let sut: TestApp;

  beforeAll(async () => {
    sut = await createTestApp({ redisUrl: 'redis://127.0.0.1:1' });
  }, 30_000);
  afterAll(() => sut.close());

  it('should refuse an async run with 503 and a clear message, leaving no QUEUED run behind', async () => {
    const runsBefore = await countRuns(sut);

    const res = await sut.http.post('/v1/runs').set(bearer(sut.apiKey)).send({ agent: 'echo', mode: 'async' }).expect(503);

    expect(res.body).toEqual(errorBody(503, 'Service Unavailable', 'async runs is unavailable: the queue backend (Redis) cannot be reached; retry shortly'));
    expect(res.headers['retry-after']).toBe('5');
    expect(await countRuns(sut)).toBe(runsBefore);
    expect(await countRuns(sut, "status = 'QUEUED'")).toBe(0);
  });

  it('should still run a sync run, the rate limiter falling back to memory', async () => {
    const res = await sut.http.post('/v1/runs').set(bearer(sut.apiKey)).send({ agent: 'echo', input: { message: 'no redis', toolCalls: 1 } }).expect(201);

    expect(res.body).toMatchObject({ status: 'COMPLETED', output: { message: 'no redis' } });
    expect(res.body.toolExecutions).toHaveLength(1);
  });
});
