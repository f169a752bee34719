import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { Client } from 'pg';
import { AGENT_RUN_QUEUE } from '../../src/modules/orchestration/queue/run-job';
import { runJobId } from '../../src/modules/orchestration/queue/run-job';
import { bearer, createTestApp, TestApp } from '../support/app';

/** Bounded polling, for state only an HTTP answer shows (there is no event to await). */
async function pollUntil<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (let value = await read(); ; value = await read()) {
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; last seen: ${JSON.stringify(value)}`);
    await delay(50);
  }
}

describe('POST /v1/runs/:id/cancel', () => {
  let sut: TestApp;
  let db: Client;

  beforeAll(async () => {
    sut = await createTestApp();
    db = new Client({ connectionString: sut.db.url });
    await db.connect();
  }, 30_000);
  afterAll(async () => {
    await db.end();
    await sut.close();
  });

  const cancel = (id: string) => sut.http.post(`/v1/runs/${id}/cancel`).set(bearer(sut.apiKey));
  const auditRowsFor = async (runId: string) => Number((await db.query('SELECT count(*) AS n FROM audit_logs WHERE target_id = $1', [runId])).rows[0].n);

  it('should stop a RUNNING sync run from a second request, and the original request answer CANCELLED', async () => {
    const intent = `cancel-me-${randomUUID()}`;
    const started = Date.now();
    // `then` sends the request now; it is awaited only after the cancel.
    const original = sut.http.post('/v1/runs').set(bearer(sut.apiKey)).send({ agent: 'echo', intent, input: { toolCalls: 1, delayMs: 10_000 } }).then((res) => res);

    const running = await pollUntil(
      async () => (await sut.http.get('/v1/runs').query({ status: 'RUNNING' }).set(bearer(sut.apiKey)).expect(200)).body.items as Array<{ id: string; intent: string }>,
      (items) => items.some((run) => run.intent === intent),
      'the run to be listed as RUNNING',
    );
    const runId = running.find((run) => run.intent === intent)!.id;

    const cancelled = await cancel(runId).expect(202);
    expect(cancelled.body).toMatchObject({ id: runId, cancelRequested: true });
    expect(['RUNNING', 'CANCELLED']).toContain(cancelled.body.status);

    const res = await original;
    expect(Date.now() - started).toBeLessThan(5_000);
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
      expect(queued.body).toEqual({ id: expect.stringMatching(/^[0-9a-f-]{36}$/), status: 'QUEUED' });

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
    executing = await createTestApp();
    other = await createTestApp({}, executing.db);
  }, 30_000);
  afterAll(async () => {
    await other.close();
    await executing.close();
  });

  it('should deliver a cancel sent to another process to the one executing the run, long before its lease renews', async () => {
    const intent = `cancel-elsewhere-${randomUUID()}`;
    const started = Date.now();
    const original = executing.http.post('/v1/runs').set(bearer(executing.apiKey)).send({ agent: 'echo', intent, input: { delayMs: 10_000 } }).then((res) => res);
    const running = await pollUntil(
      async () => (await other.http.get('/v1/runs').query({ status: 'RUNNING' }).set(bearer(executing.apiKey)).expect(200)).body.items as Array<{ id: string; intent: string }>,
      (items) => items.some((run) => run.intent === intent),
      'the run to be listed as RUNNING',
    );
    const runId = running.find((run) => run.intent === intent)!.id;

    await other.http.post(`/v1/runs/${runId}/cancel`).set(bearer(executing.apiKey)).expect(202);

    const res = await original;
    expect(res.body).toMatchObject({ id: runId, status: 'CANCELLED', error: { class: 'CancelledError' } });
    // The lease renewal, the fallback path, would only notice after leaseMs / 3 (10 s by default).
    expect(Date.now() - started).toBeLessThan(5_000);
  }, 15_000);
});
