import { randomUUID } from 'node:crypto';
import { bearer, createTestApp, TestApp } from '../support/app';
import { useE2eApp } from '../support/e2e-context';


/** The process-wide counter (every app in this file shares prom-client's registry): compare deltas. */
async function circuitFailures(app: TestApp): Promise<number> {
  const res = await app.http.get('/metrics').expect(200);
  const match = /^neonhub_circuit_breaker_failures_total\{agent="echo"\} (\d+)$/m.exec(res.text);
  return match ? Number(match[1]) : 0;
}

describe('POST /v1/runs with an Idempotency-Key', () => {
  const sut = useE2eApp();

  const newKey = () => `order-${randomUUID()}`;
  const startRun = (key: string, body: object, apiKey = sut.apiKey) => sut.http.post('/v1/runs').set(bearer(apiKey)).set('Idempotency-Key', key).send(body);
  const runsWithKey = async (key: string) =>
    (await sut.sql.query('SELECT id, organization_id FROM agent_runs WHERE idempotency_key = $1 ORDER BY created_at', [key])).rows as Array<{ id: string; organization_id: string }>;
  const toolStepsOf = async (runId: string) =>
    (await sut.sql.query('SELECT step, attempt FROM tool_executions WHERE run_id = $1 ORDER BY step, attempt', [runId])).rows;
  const countRuns = async () => Number((await sut.sql.query('SELECT count(*) AS n FROM agent_runs')).rows[0].n);

  it('should replay the first run for a repeated request: 200, Idempotent-Replayed, same run, one row', async () => {
    const key = newKey();
    const body = { agent: 'echo', input: { message: 'once', toolCalls: 1 } };

    const first = await startRun(key, body).expect(201);
    const second = await startRun(key, body).expect(200);

    expect(first.headers['idempotent-replayed']).toBeUndefined();
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(second.body).toEqual(first.body);
    expect(await runsWithKey(key)).toEqual([{ id: first.body.id, organization_id: sut.organizationId }]);
    expect(await toolStepsOf(first.body.id)).toEqual([{ step: 1, attempt: 1 }]);
  });

  it('should treat the same body with its keys in another order as the same request', async () => {
    const key = newKey();

    const first = await startRun(key, { agent: 'echo', intent: 'reorder', input: { message: 'm', toolCalls: 1 } }).expect(201);
    const second = await startRun(key, { input: { toolCalls: 1, message: 'm' }, intent: 'reorder', agent: 'echo' }).expect(200);

    expect(second.body.id).toBe(first.body.id);
    expect(await runsWithKey(key)).toHaveLength(1);
  });

  it('should execute once when two requests with one key race', async () => {
    const key = newKey();
    const body = { agent: 'echo', input: { message: 'race', toolCalls: 2, delayMs: 200, audit: true } };

    const answers = await Promise.all([startRun(key, body), startRun(key, body)]);

    expect(answers.map((a) => a.status).sort()).toEqual([200, 201]);
    expect(answers[0].body.id).toBe(answers[1].body.id);
    for (const answer of answers) expect(answer.body).toMatchObject({ status: 'COMPLETED', output: { message: 'race' } });
    const runId = answers[0].body.id;
    expect(await runsWithKey(key)).toEqual([{ id: runId, organization_id: sut.organizationId }]);
    expect(await toolStepsOf(runId)).toEqual([
      { step: 1, attempt: 1 },
      { step: 2, attempt: 1 },
    ]);
    expect((await sut.sql.query("SELECT count(*) AS n FROM audit_logs WHERE action = 'diagnostics.echo' AND target_id = $1", [runId])).rows[0].n).toBe('1');
  });

  it('should answer 422 when a key is reused with a different body, and run nothing new', async () => {
    const key = newKey();
    const first = await startRun(key, { agent: 'echo', input: { message: 'original' } }).expect(201);
    const before = await countRuns();

    const res = await startRun(key, { agent: 'echo', input: { message: 'changed' } }).expect(422);

    expect(res.body).toEqual({
      statusCode: 422,
      error: 'Unprocessable Entity',
      message: `Idempotency-Key ${key} was already used with a different request body`,
      requestId: expect.any(String),
    });
    expect(await countRuns()).toBe(before);
    expect(await runsWithKey(key)).toEqual([{ id: first.body.id, organization_id: sut.organizationId }]);
  });

  it.each([
    ['contains spaces', 'not a valid key'],
    ['is longer than 200 characters', 'k'.repeat(201)],
    ['contains a slash', 'orders/42'],
  ])('should answer 400 for a key that %s, and create no run', async (_case, key) => {
    const before = await countRuns();

    const res = await startRun(key, { agent: 'echo', input: {} }).expect(400);

    expect(res.body).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: expect.stringContaining('Idempotency-Key must be 1-200 characters'),
      requestId: expect.any(String),
    });
    expect(await countRuns()).toBe(before);
  });

  it('should scope keys to the organization: another organization using the same key gets its own run', async () => {
    const other = await sut.tenant();
    const key = newKey();
    const body = { agent: 'echo', input: { message: 'shared key' } };

    const ours = await startRun(key, body).expect(201);
    const theirs = await startRun(key, body, other.apiKey).expect(201);

    expect(theirs.headers['idempotent-replayed']).toBeUndefined();
    expect(theirs.body.id).not.toBe(ours.body.id);
    expect(await runsWithKey(key)).toEqual([
      { id: ours.body.id, organization_id: sut.organizationId },
      { id: theirs.body.id, organization_id: other.organizationId },
    ]);
    const replayed = await startRun(key, body, other.apiKey).expect(200);
    expect(replayed.body.id).toBe(theirs.body.id);
  });

  describe('when many requests race on one key', () => {
    // An app of its own: if the circuit does open, it must not refuse the other tests' runs.
    let racing: TestApp;

    beforeAll(async () => {
      racing = await createTestApp();
    }, 30_000);
    afterAll(() => racing.close());

    it("should not count the requests that lost the race as failures of the agent's circuit", async () => {
      // A client retrying eagerly with one key is what idempotency keys are for; the duplicates
      // are not the agent failing, and must not open its circuit for every other caller.
      const body = { agent: 'echo', input: { message: 'eager client', delayMs: 300 } };
      const send = () => racing.http.post('/v1/runs').set(bearer(racing.apiKey)).set('Idempotency-Key', 'eager-client').send(body);
      const failuresBefore = await circuitFailures(racing);

      const answers = await Promise.all(Array.from({ length: 6 }, send));

      expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 200, 200, 200, 201]);
      expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
      const unrelated = await racing.http.post('/v1/runs').set(bearer(racing.apiKey)).send({ agent: 'echo', input: { message: 'someone else' } });
      expect([unrelated.status, unrelated.body.message]).toEqual([201, undefined]);
      expect((await racing.http.get('/v1/agents/echo').set(bearer(racing.apiKey)).expect(200)).body.circuit).toBe('closed');
      expect(await circuitFailures(racing)).toBe(failuresBefore);
    });
  });
});
