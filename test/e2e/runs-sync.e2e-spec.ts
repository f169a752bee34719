import { Client } from 'pg';
import { loadConfig } from '../../src/config/app-config';
import { bearer, createTestApp, TestApp } from '../support/app';
import { useE2eApp } from '../support/e2e-context';

// Several tests here end runs FAILED on purpose; a high threshold keeps the echo circuit closed
// for whichever test comes next, so no test depends on the order they run in.
const RUNS = { ...loadConfig().runs, circuitFailureThreshold: 100 };

describe('POST /v1/runs in sync mode', () => {
  const sut = useE2eApp({ config: { runs: RUNS } });

  const startRun = (body: object) => sut.http.post('/v1/runs').set(bearer(sut.apiKey)).send(body);
  const countRuns = async () => Number((await sut.sql.query('SELECT count(*) AS n FROM agent_runs')).rows[0].n);
  /** The echo agent's own audit rows (written in the run's transaction); the request's `runs.create` entry is the audit trail's, not the run's. */
  const auditRowsFor = async (runId: string) =>
    (await sut.sql.query("SELECT action, target_type, target_id FROM audit_logs WHERE target_id = $1 AND target_type = 'agent_run'", [runId])).rows;
  const toolRowsFor = async (runId: string) =>
    (await sut.sql.query('SELECT step, attempt, status FROM tool_executions WHERE run_id = $1 ORDER BY step, attempt', [runId])).rows;

  it.each([
    ['an action that does not exist', { connector: 'slack', action: 'no_such_action', input: {} }, ['input.action']],
    ['a property of every object, not an action', { connector: 'slack', action: 'constructor', input: {} }, ['input.action']],
    ['a connector that does not exist', { connector: 'no_such_connector', action: 'send', input: {} }, ['input.connector']],
    ['input the action refuses', { connector: 'slack', action: 'send_message', input: { channel: 42 } }, ['input.input.channel', 'input.input.text']],
  ])('should refuse connector.invoke naming %s with 400 before any run exists', async (_case, input, fields) => {
    const before = await countRuns();
    const res = await startRun({ agent: 'connector.invoke', input }).expect(400);
    expect(res.body.message).toEqual(expect.stringContaining(fields[0]));
    for (const field of fields) expect(res.body.message).toContain(field);
    expect(await countRuns()).toBe(before);
  });

  it('should run echo to completion and answer 201 with its output and recorded tool calls', async () => {
    const res = await startRun({ agent: 'echo', intent: 'smoke', input: { message: 'hello', toolCalls: 2 } }).expect(201);

    expect(res.body).toMatchObject({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      agent: 'echo',
      intent: 'smoke',
      status: 'COMPLETED',
      mode: 'SYNC',
      input: { message: 'hello', toolCalls: 2 },
      output: { message: 'hello' },
      error: null,
      attempt: 1,
      cancelRequested: false,
    });
    const { createdAt, startedAt, finishedAt, durationMs } = res.body;
    expect(Date.parse(startedAt)).toBeGreaterThanOrEqual(Date.parse(createdAt));
    expect(Date.parse(finishedAt)).toBeGreaterThanOrEqual(Date.parse(startedAt));
    expect(durationMs).toEqual(expect.any(Number));
    expect(durationMs).toBeGreaterThanOrEqual(0);

    expect(res.body.toolExecutions).toHaveLength(2);
    res.body.toolExecutions.forEach((execution: Record<string, unknown>, index: number) => {
      expect(execution).toMatchObject({
        tool: 'diagnostics',
        action: 'echo',
        step: index + 1,
        attempt: 1,
        status: 'SUCCEEDED',
        input: { message: 'hello', call: index + 1 },
        error: null,
        durationMs: expect.any(Number),
        finishedAt: expect.any(String),
      });
    });
  });

  it('should answer GET /v1/runs/:id with the same run the POST answered', async () => {
    const created = await startRun({ agent: 'echo', input: { message: 'again', toolCalls: 2 } }).expect(201);

    const fetched = await sut.http.get(`/v1/runs/${created.body.id}`).set(bearer(sut.apiKey)).expect(200);

    expect(fetched.body).toEqual(created.body);
  });

  it('should answer 404 for an unknown agent and create no run', async () => {
    const before = await countRuns();

    const res = await startRun({ agent: 'no-such-agent', input: {} }).expect(404);

    expect(res.body).toEqual({ statusCode: 404, error: 'Not Found', message: 'agent no-such-agent not found', requestId: expect.any(String) });
    expect(await countRuns()).toBe(before);
  });

  it.each([
    ['toolCalls above 10', { agent: 'echo', input: { toolCalls: 11 } }, 'input.toolCalls: toolCalls must not be greater than 10'],
    ['a property echo does not declare', { agent: 'echo', input: { message: 'x', colour: 'red' } }, 'input.colour: property colour should not exist'],
    ['a field of the wrong type', { agent: 'echo', input: { delayMs: 'soon' } }, 'input.delayMs: delayMs must be an integer number'],
    ['input that is a string', { agent: 'echo', input: 'hello' }, 'input must be an object'],
    ['input that is an array', { agent: 'echo', input: [1, 2] }, 'input must be an object'],
    ['an unknown top-level property', { agent: 'echo', input: {}, priority: 'high' }, 'property priority should not exist'],
  ])('should answer 400 for %s, naming the field, and create no run', async (_case, body, problem) => {
    const before = await countRuns();

    const res = await startRun(body).expect(400);

    expect(res.body).toEqual({ statusCode: 400, error: 'Bad Request', message: expect.stringContaining(problem), requestId: expect.any(String) });
    expect(await countRuns()).toBe(before);
  });

  it('should refuse a secret-looking input key before anything is stored', async () => {
    // Echo's input is a whitelist, so a secret can never reach the stored run: it is refused
    // outright. (Redaction of stored input is therefore not observable through echo.)
    const before = await countRuns();

    const res = await startRun({ agent: 'echo', input: { message: 'x', apiKey: 'sk_live_do_not_store' } }).expect(400);

    expect(res.body.message).toContain('input.apiKey');
    expect(await countRuns()).toBe(before);
    expect((await sut.sql.query("SELECT count(*) AS n FROM agent_runs WHERE input::text LIKE '%sk_live_do_not_store%'")).rows[0].n).toBe('0');
  });

  it('should end FAILED on a fatal error after one attempt, keep its tool executions and write no audit row', async () => {
    const res = await startRun({ agent: 'echo', input: { message: 'boom', toolCalls: 2, fail: 'fatal', audit: true } }).expect(201);

    expect(res.body).toMatchObject({
      status: 'FAILED',
      attempt: 1,
      output: null,
      error: { class: 'EchoFatalError', message: 'echo was asked to fail (fatal)' },
      finishedAt: expect.any(String),
    });
    expect(res.body.toolExecutions.map((e: { step: number; status: string }) => [e.step, e.status])).toEqual([
      [1, 'SUCCEEDED'],
      [2, 'SUCCEEDED'],
    ]);
    expect(await toolRowsFor(res.body.id)).toEqual([
      { step: 1, attempt: 1, status: 'SUCCEEDED' },
      { step: 2, attempt: 1, status: 'SUCCEEDED' },
    ]);
    expect(await auditRowsFor(res.body.id)).toEqual([]);
  });

  it('should retry a retryable failure up to maxAttempts, replaying earlier tool calls instead of repeating them', async () => {
    const res = await startRun({ agent: 'echo', input: { message: 'flaky', toolCalls: 2, fail: 'retryable', audit: true } }).expect(201);

    expect(res.body).toMatchObject({ status: 'FAILED', attempt: RUNS.maxAttempts, error: { class: 'RetryableError' } });
    expect(RUNS.maxAttempts).toBe(3);
    expect(await toolRowsFor(res.body.id)).toEqual([
      { step: 1, attempt: 1, status: 'SUCCEEDED' },
      { step: 2, attempt: 1, status: 'SUCCEEDED' },
    ]);
    expect(res.body.toolExecutions).toHaveLength(2);
    expect(await auditRowsFor(res.body.id)).toEqual([]);
  });

  it('should write exactly one diagnostics.echo audit row for a completed run', async () => {
    const res = await startRun({ agent: 'echo', input: { message: 'audited', audit: true } }).expect(201);

    expect(res.body.status).toBe('COMPLETED');
    expect(await auditRowsFor(res.body.id)).toEqual([{ action: 'diagnostics.echo', target_type: 'agent_run', target_id: res.body.id }]);
    // The run's own entry was written during the request, so it stands for it: one entry per change.
    const requestEntries = await sut.sql.query("SELECT action FROM audit_logs WHERE target_id = $1 AND target_type = 'runs'", [res.body.id]);
    expect(requestEntries.rows).toEqual([]);
  });

  it('should count finished runs and tool executions in /metrics', async () => {
    await startRun({ agent: 'echo', input: { toolCalls: 1 } }).expect(201);

    const res = await sut.http.get('/metrics').expect(200);

    expect(res.text).toMatch(/^neonhub_agent_runs_total\{agent="echo",status="COMPLETED"\} [1-9]\d*$/m);
    expect(res.text).toMatch(/^neonhub_tool_executions_total\{tool="diagnostics",status="SUCCEEDED"\} [1-9]\d*$/m);
    expect(res.text).toMatch(/^neonhub_agent_run_duration_seconds_count\{agent="echo"\} [1-9]\d*$/m);
  });

  describe('with a 300 ms run timeout', () => {
    let timed: TestApp;

    beforeAll(async () => {
      timed = await createTestApp({ runs: { ...RUNS, timeoutMs: 300 } });
    }, 30_000);
    afterAll(() => timed.close());

    it('should end TIMED_OUT long before the agent would have finished, with no audit row', async () => {
      // The agent would wait a minute, twice this test's timeout: an answer at all proves the
      // run was cut short, however slowly this machine gets there.
      const res = await timed.http.post('/v1/runs').set(bearer(timed.apiKey)).send({ agent: 'echo', input: { delayMs: 60_000 } }).expect(201);

      expect(res.body).toMatchObject({ status: 'TIMED_OUT', attempt: 1, output: null, error: { class: 'TimeoutError', message: expect.stringContaining('300 ms') } });
      const stored = await timed.http.get(`/v1/runs/${res.body.id}`).set(bearer(timed.apiKey)).expect(200);
      expect(stored.body.status).toBe('TIMED_OUT');
      const client = new Client({ connectionString: timed.db.url });
      await client.connect();
      try {
        expect((await client.query("SELECT count(*) AS n FROM audit_logs WHERE target_id = $1 AND target_type = 'agent_run'", [res.body.id])).rows[0].n).toBe('0');
      } finally {
        await client.end();
      }
    });
  });
});
