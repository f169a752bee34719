import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { randomUUID } from 'node:crypto';
import { loadConfig } from '../../src/config/app-config';
import { AGENT_RUN_QUEUE, runJobId } from '../../src/modules/orchestration/queue/run-job';
import { bearer, createTestApp, TestApp } from '../support/app';
import { useE2eApp } from '../support/e2e-context';
import { pollUntil } from '../support/poll';

describe('POST /v1/runs/:id/cancel', () => {
  const sut = useE2eApp();

  const cancel = (id: string) => sut.http.post(`/v1/runs/${id}/cancel`).set(bearer(sut.apiKey));
  /** The echo agent's own audit rows (written in the run's transaction), not the requests' entries (`runs.create`, `runs.cancel`). */
  const auditRowsFor = async (runId: string) =>
    Number((await sut.sql.query("SELECT count(*) AS n FROM audit_logs WHERE target_id = $1 AND target_type = 'agent_run'", [runId])).rows[0].n);

  it('should stop a RUNNING sync run from a second request, and the original request answer CANCELLED', async () => {
    const intent = `cancel-me-${randomUUID()}`;
    // `then` sends the request now; it is awaited only after the cancel. The agent would wait a
    // minute, four times this test's timeout: an answer at all proves the cancel cut it short.
    const original = sut.http.post('/v1/runs').set(bearer(sut.apiKey)).send({ agent: 'echo', intent, input: { toolCalls: 1, delayMs: 60_000 } }).then((res) => res);

    const running = await pollUntil(
      async () => (await sut.http.get('/v1/runs').query({ status: 'RUNNING' }).set(bearer(sut.apiKey)).expect(200)).body.items as Array<{ id: string; intent: string }>,
      (items) => items.some((run) => run.intent === intent),
      { what: 'the run to be listed as RUNNING' },
    );
    const runId = running.find((run) => run.intent === intent)!.id;

    const cancelled = await cancel(runId).expect(202);
    expect(cancelled.body).toMatchObject({ id: runId, cancelRequested: true });
    expect(['RUNNING', 'CANCELLED']).toContain(cancelled.body.status);

    const res = await original;
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      id: runId,
      status: 'CANCELLED',
      output: null,
      cancelRequested: true,
      error: { class: 'CancelledError' },
      finishedAt: expect.any(String),
    });
    // The tool call made before the cancel really happened: it stays on record.
    expect(res.body.toolExecutions).toEqual([expect.objectContaining({ step: 1, status: 'SUCCEEDED' })]);
    expect(await auditRowsFor(runId)).toBe(0);
    const stored = await sut.http.get(`/v1/runs/${runId}`).set(bearer(sut.apiKey)).expect(200);
    expect(stored.body.status).toBe('CANCELLED');
  }, 15_000);

  it('should answer 409 for a run that already finished, and leave it as it was', async () => {
    const finished = await sut.http.post('/v1/runs').set(bearer(sut.apiKey)).send({ agent: 'echo', input: { message: 'done' } }).expect(201);

    const res = await cancel(finished.body.id).expect(409);

    expect(res.body).toEqual({
      statusCode: 409,
      error: 'Conflict',
      message: `run ${finished.body.id} already finished with status COMPLETED`,
      requestId: expect.any(String),
    });
    const stored = await sut.http.get(`/v1/runs/${finished.body.id}`).set(bearer(sut.apiKey)).expect(200);
    expect(stored.body).toMatchObject({ status: 'COMPLETED', cancelRequested: false, output: { message: 'done' } });
  });

  it('should cancel a QUEUED run at once, so it never runs and stays CANCELLED', async () => {
    // This process runs no worker, so an async run stays QUEUED until it is cancelled.
    const queued = await sut.http.post('/v1/runs').set(bearer(sut.apiKey)).send({ agent: 'echo', mode: 'async', input: { toolCalls: 1 } }).expect(202);
    const runId: string = queued.body.id;
    try {
      // No worker consumes the queue, and the answer says so.
      expect(queued.body).toEqual({ id: expect.stringMatching(/^[0-9a-f-]{36}$/), status: 'QUEUED', warning: expect.stringContaining('no worker is consuming agent.run') });

      const res = await cancel(runId).expect(202);

      expect(res.body).toMatchObject({
        id: runId,
        status: 'CANCELLED',
        mode: 'ASYNC',
        attempt: 0,
        startedAt: null,
        error: { class: 'CancelledError', message: 'cancelled before it started' },
        finishedAt: expect.any(String),
      });
      await cancel(runId).expect(409);
      const stored = await sut.http.get(`/v1/runs/${runId}`).set(bearer(sut.apiKey)).expect(200);
      expect(stored.body).toMatchObject({ status: 'CANCELLED', attempt: 0, toolExecutions: [] });
      expect(await auditRowsFor(runId)).toBe(0);
    } finally {
      // The job is still in the shared Redis queue: take it out, so no other test's worker meets it.
      await sut.app.get<Queue>(getQueueToken(AGENT_RUN_QUEUE)).remove(runJobId(runId, 0));
    }
  });
});

describe('POST /v1/runs/:id/cancel across API processes', () => {
  let executing: TestApp;
  let other: TestApp;

  beforeAll(async () => {
    // A lease renewed only every 200 s (leaseMs / 3): the renewal, the fallback path that would
    // also notice a cancel, cannot happen within this file's tests.
    const runs = { ...loadConfig().runs, leaseMs: 600_000 };
    executing = await createTestApp({ runs });
    other = await createTestApp({ runs }, executing.db);
  }, 30_000);
  afterAll(async () => {
    await other.close();
    await executing.close();
  });

  it('should deliver a cancel sent to another process to the one executing the run, long before its lease renews', async () => {
    const intent = `cancel-elsewhere-${randomUUID()}`;
    // Neither the agent's wait (a minute) nor a lease renewal (200 s) ends within this test's
    // timeout: a CANCELLED answer can only come from the cancel delivered across processes.
    const original = executing.http.post('/v1/runs').set(bearer(executing.apiKey)).send({ agent: 'echo', intent, input: { delayMs: 60_000 } }).then((res) => res);
    const running = await pollUntil(
      async () => (await other.http.get('/v1/runs').query({ status: 'RUNNING' }).set(bearer(executing.apiKey)).expect(200)).body.items as Array<{ id: string; intent: string }>,
      (items) => items.some((run) => run.intent === intent),
      { what: 'the run to be listed as RUNNING' },
    );
    const runId = running.find((run) => run.intent === intent)!.id;

    await other.http.post(`/v1/runs/${runId}/cancel`).set(bearer(executing.apiKey)).expect(202);

    const res = await original;
    expect(res.body).toMatchObject({ id: runId, status: 'CANCELLED', error: { class: 'CancelledError' } });
  }, 15_000);
});
