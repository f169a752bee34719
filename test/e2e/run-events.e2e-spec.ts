import { randomBytes, randomUUID } from 'node:crypto';
import { IsString } from 'class-validator';
import { Agent } from '../../src/modules/agents/agent.decorator';
import type { AgentHandler, AgentRunContext } from '../../src/modules/agents/agent.types';
import { RunEventFeed } from '../../src/modules/orchestration/events/run-event-feed';
import { bearer, createTestApp, type TestApp } from '../support/app';
import { createMigratedTestDatabase, type TestDatabase } from '../support/database';
import { useE2eApp } from '../support/e2e-context';
import { OpenApiResponseValidator } from '../support/openapi-validator';
import { pollUntil } from '../support/poll';
import { listen } from '../support/raw-http';
import { DisposableRedis } from '../support/redis-server';
import type { ServiceProcess } from '../support/service-process';
import { SseClient } from '../support/sse-client';
import { startWorker } from '../support/worker-process';

const ECHO_EVENTS = ['run.created', 'run.started', 'step.started', 'step.finished', 'step.started', 'step.finished', 'run.completed'];
const STREAMING_AGENT = 'e2e.streaming_writer';

function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/** Lets a test follow the run before the model streams: the agent says it started, then waits to be let go. */
let gate = { started: deferred<string>(), release: deferred<void>() };

class StreamingWriterInput {
  @IsString() prompt!: string;
}

/** A test agent that streams one model answer (no built-in agent streams). */
@Agent({ name: STREAMING_AGENT, kind: 'CONTENT', description: 'Test agent: streams one model answer', input: StreamingWriterInput, tools: ['llm.generate'], policy: { maxAttempts: 1 } })
class StreamingWriterAgent implements AgentHandler<StreamingWriterInput> {
  async run(input: StreamingWriterInput, context: AgentRunContext): Promise<unknown> {
    gate.started.resolve(context.runId);
    await gate.release.promise;
    return { text: (await context.model.generateText({ prompt: input.prompt, stream: true })).text };
  }
}

describe('GET /v1/runs/:id/events', () => {
  const sut = useE2eApp({ providers: [StreamingWriterAgent] });
  let base: string;
  beforeAll(async () => {
    base = `http://127.0.0.1:${await listen(sut.app)}`;
  });

  const follow = (runId: string, headers: Record<string, string> = {}, query = '') => SseClient.open(`${base}/v1/runs/${runId}/events${query}`, { ...bearer(sut.apiKey), ...headers });
  const finishedEchoRun = async () =>
    (await sut.http.post('/v1/runs').set(bearer(sut.apiKey)).send({ agent: 'echo', input: { message: 'hi', toolCalls: 2 } }).expect(201)).body.id as string;

  it("should send a finished run's stored events in order, with ids and types, and close the stream", async () => {
    const runId = await finishedEchoRun();

    const client = await follow(runId);
    await client.ended;

    expect(client.status).toBe(200);
    expect(client.response.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    expect(client.response.headers['x-request-id']).toEqual(expect.any(String));
    expect(client.events.map((e) => e.event)).toEqual(ECHO_EVENTS);
    const ids = client.events.map((e) => BigInt(e.id!));
    expect(ids).toEqual([...ids].sort((a, b) => (a < b ? -1 : 1)));
    expect(client.data[2]).toEqual({ id: client.events[2].id, runId, type: 'step.started', data: expect.objectContaining({ step: 1 }), createdAt: expect.any(String) });
  });

  it('should resume after Last-Event-ID (or lastEventId) with exactly the events after it', async () => {
    const runId = await finishedEchoRun();
    const all = await follow(runId);
    await all.ended;
    const third = all.events[2].id!;

    const byHeader = await follow(runId, { 'Last-Event-ID': third });
    const byQuery = await follow(runId, {}, `?lastEventId=${third}`);
    await Promise.all([byHeader.ended, byQuery.ended]);

    expect(byHeader.events).toEqual(all.events.slice(3));
    expect(byQuery.events).toEqual(all.events.slice(3));
  });

  it('should answer the stored events as JSON pages with Accept: application/json, as documented', async () => {
    const runId = await finishedEchoRun();
    const validator = new OpenApiResponseValidator((await sut.http.get('/docs-json').expect(200)).body);

    const first = await sut.http.get(`/v1/runs/${runId}/events?limit=4`).set(bearer(sut.apiKey)).set('Accept', 'application/json').expect(200);
    const rest = await sut.http.get(`/v1/runs/${runId}/events?limit=4&cursor=${first.body.nextCursor}`).set(bearer(sut.apiKey)).set('Accept', 'application/json').expect(200);

    expect([...first.body.items, ...rest.body.items].map((e: { type: string }) => e.type)).toEqual(ECHO_EVENTS);
    expect(first.body.nextCursor).toBe(first.body.items[3].id);
    expect(rest.body.nextCursor).toBeNull();
    expect(validator.errors('GET', '/v1/runs/{id}/events', 200, first.body)).toBeNull();
  });

  it('should order events by their number, not as text (9 before 10)', async () => {
    const runId = await finishedEchoRun();
    await sut.sql.query(
      `INSERT INTO run_events (id, organization_id, run_id, type) VALUES (9999999999, $1, $2, 'run.queued'), (10000000000, $1, $2, 'run.queued')`,
      [sut.organizationId, runId],
    );

    const page = await sut.http.get(`/v1/runs/${runId}/events`).set(bearer(sut.apiKey)).set('Accept', 'application/json').expect(200);

    expect(page.body.items.slice(-2).map((e: { id: string }) => e.id)).toEqual(['9999999999', '10000000000']);
  });

  it("should answer 404 for another organization's run and an unknown one, streamed or not", async () => {
    const runId = await finishedEchoRun();
    const other = await sut.tenant('events');

    const streamed = await SseClient.open(`${base}/v1/runs/${runId}/events`, bearer(other.apiKey));
    await streamed.ended;
    await sut.http.get(`/v1/runs/${runId}/events`).set(bearer(other.apiKey)).set('Accept', 'application/json').expect(404);
    await sut.http.get(`/v1/runs/${randomUUID()}/events`).set(bearer(sut.apiKey)).expect(404);

    expect(streamed.status).toBe(404);
    expect(JSON.parse(streamed.body)).toEqual({ statusCode: 404, error: 'Not Found', message: `run ${runId} not found`, requestId: expect.any(String) });
  });

  it('should answer 400 for a malformed Last-Event-ID, lastEventId or cursor', async () => {
    const runId = await finishedEchoRun();

    const header = await follow(runId, { 'Last-Event-ID': 'abc' });
    await header.ended;
    const query = await sut.http.get(`/v1/runs/${runId}/events?lastEventId=-1`).set(bearer(sut.apiKey)).expect(400);
    const cursor = await sut.http.get(`/v1/runs/${runId}/events?cursor=1e9`).set(bearer(sut.apiKey)).set('Accept', 'application/json').expect(400);

    expect(header.status).toBe(400);
    expect(JSON.parse(header.body).message).toContain('Last-Event-ID must be an event id');
    expect(query.body.message).toContain('lastEventId must be an event id');
    expect(cursor.body.message).toContain('cursor must be an event id');
  });

  it("should stream a model call's text deltas live, without ids, between its step's start and finish", async () => {
    gate = { started: deferred<string>(), release: deferred<void>() };
    const answer = sut.http.post('/v1/runs').set(bearer(sut.apiKey)).send({ agent: STREAMING_AGENT, input: { prompt: 'Three words on autumn coffee' } }).then((res) => res);
    const runId = await gate.started.promise;
    // A 200 head means this process is subscribed to the run: nothing streamed from now on is missed.
    const client = await follow(runId);

    gate.release.resolve();
    await client.ended;

    const run = await answer;
    expect(run.status).toBe(201);
    const types = client.events.map((e) => e.event);
    const deltas = client.events.filter((e) => e.event === 'step.text_delta');
    expect(deltas.length).toBeGreaterThan(1);
    expect(deltas.every((e) => e.id === undefined)).toBe(true);
    expect(types.indexOf('step.started')).toBeLessThan(types.indexOf('step.text_delta'));
    expect(types.lastIndexOf('step.text_delta')).toBeLessThan(types.indexOf('step.finished'));
    expect(deltas.map((e) => (JSON.parse(e.data) as { delta: string }).delta).join('')).toBe(run.body.output.text);
    expect(types[types.length - 1]).toBe('run.completed');
  });

  it('should stop following the run when the client disconnects', async () => {
    gate = { started: deferred<string>(), release: deferred<void>() };
    const answer = sut.http.post('/v1/runs').set(bearer(sut.apiKey)).send({ agent: STREAMING_AGENT, input: { prompt: 'Hello' } }).then((res) => res);
    const runId = await gate.started.promise;
    const feed = sut.app.get(RunEventFeed);
    const client = await follow(runId);
    await client.waitFor((e) => e.event === 'run.started');
    expect(feed.followedRuns).toBe(1);

    await client.close();

    await pollUntil(() => feed.followedRuns, (n) => n === 0, { what: 'the feed to leave the run' });
    gate.release.resolve();
    expect((await answer).status).toBe(201);
  });
});

/**
 * The run executes in a worker process, the client follows it on an API process: they share only
 * Postgres and Redis (a Redis of this file's own, so no other spec's worker takes these runs).
 */
describe('GET /v1/runs/:id/events of a run executing in a worker process', () => {
  let redis: DisposableRedis;
  let db: TestDatabase;
  let api: TestApp;
  let base: string;
  const processes: ServiceProcess[] = [];

  beforeAll(async () => {
    redis = await DisposableRedis.create();
    await redis.start();
    db = await createMigratedTestDatabase();
    api = await createTestApp({ redisUrl: redis.url }, db);
    base = `http://127.0.0.1:${await listen(api.app)}`;
    await startWorker({ DATABASE_URL: db.url, REDIS_URL: redis.url, DATABASE_POOL_SIZE: '2', NEONHUB_ENCRYPTION_KEYS: `test:${randomBytes(32).toString('base64')}` }, processes);
  }, 60_000);
  afterAll(async () => {
    await Promise.all(processes.splice(0).map((p) => p.stop()));
    await api?.close();
    await db?.drop();
    await redis?.stop();
  });

  const submit = async (input: Record<string, unknown>) =>
    (await api.http.post('/v1/runs').set(bearer(api.apiKey)).send({ agent: 'echo', mode: 'async', input }).expect(202)).body.id as string;
  const follow = (runId: string, headers: Record<string, string> = {}) => SseClient.open(`${base}/v1/runs/${runId}/events`, { ...bearer(api.apiKey), ...headers });

  it('should stream the run from creation to completion, in order, and close', async () => {
    const runId = await submit({ message: 'followed', toolCalls: 2, delayMs: 300 });

    const client = await follow(runId);
    await client.ended;

    expect(client.events.map((e) => e.event)).toEqual(ECHO_EVENTS);
  });

  it('should give a client that reconnects with Last-Event-ID exactly the events after it, and close at the final event', async () => {
    const runId = await submit({ message: 'interrupted', toolCalls: 3, delayMs: 1_000 });
    const first = await follow(runId);
    const lastSeen = await first.waitFor((e) => e.event === 'step.finished');
    await first.close();
    const before = first.events.slice(0, first.events.indexOf(lastSeen) + 1);

    const second = await follow(runId, { 'Last-Event-ID': lastSeen.id! });
    await second.ended;

    const stored = await api.http.get(`/v1/runs/${runId}/events`).set(bearer(api.apiKey)).set('Accept', 'application/json').expect(200);
    const storedIds = stored.body.items.map((e: { id: string }) => e.id);
    expect([...before, ...second.events].map((e) => e.id)).toEqual(storedIds);
    expect(second.events[second.events.length - 1].event).toBe('run.completed');
    expect(storedIds).toHaveLength(ECHO_EVENTS.length + 2);
  }, 30_000);
});
