import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { register as metricsRegistry } from 'prom-client';
import { loadConfig } from '../../src/config/app-config';
import { WebhookSweeper } from '../../src/modules/webhooks/delivery/webhook-sweeper';
import { WEBHOOK_ATTEMPTS_TOTAL, WEBHOOK_ENDPOINTS_DISABLED_TOTAL } from '../../src/modules/webhooks/webhook-metrics';
import { WorkerModule } from '../../src/worker.module';
import { bearer } from '../support/app';
import { useE2eApp } from '../support/e2e-context';
import { verifiedPayload, WebhookReceiver } from '../support/fakes/webhook-receiver';
import { pollUntil } from '../support/poll';
import { DisposableRedis } from '../support/redis-server';
import type { Tenant } from '../support/tenants';

interface DeliveryView {
  id: string;
  eventType: string;
  status: string;
  attempts: number;
  nextAttemptAt: string | null;
  lastStatusCode: number | null;
  lastError: string | null;
  payload: { type: string; data: Record<string, unknown> };
}

/**
 * Deliveries end to end: real run events (the echo agent, run synchronously by the API) become
 * signed deliveries sent by a worker (in this process, on a Redis of this file's own) to a local
 * receiver that verifies them with the standardwebhooks package. Retries wait 200 ms here.
 */
describe('Webhook deliveries', () => {
  const receiver = new WebhookReceiver();
  let redis: DisposableRedis;
  beforeAll(async () => {
    redis = await DisposableRedis.create();
    await Promise.all([redis.start(), receiver.start()]);
  });
  const sut = useE2eApp({
    config: () => ({
      redisUrl: redis.url,
      webhooks: { ...loadConfig({}).webhooks, retryScheduleMs: [200, 200], timeoutMs: 2_000, disableAfterFailures: 2, allowPrivateUrls: true },
    }),
  });
  let worker: INestApplicationContext | undefined;
  beforeAll(async () => {
    worker = await NestFactory.createApplicationContext(WorkerModule.forRoot(sut.config), { logger: false });
    await worker.init();
  });
  afterAll(async () => {
    await worker?.close();
    await Promise.all([redis?.stop(), receiver.stop()]);
  });

  /** Each test in an organization of its own, so one test's runs never reach another's endpoints. */
  let tenant: Tenant;
  beforeEach(async () => {
    tenant = await sut.tenant('hooks');
  });

  const register = async (path: string, events: string[], ...statuses: number[]) =>
    (await sut.http.post('/v1/webhooks').set(bearer(tenant.apiKey)).send({ url: receiver.answer(path, ...statuses), events }).expect(201)).body as { id: string; secret: string };
  const run = async (input: object) => (await sut.http.post('/v1/runs').set(bearer(tenant.apiKey)).send({ agent: 'echo', input }).expect(201)).body as { id: string; status: string };
  const deliveries = async (endpointId: string): Promise<DeliveryView[]> => (await sut.http.get(`/v1/webhooks/${endpointId}/deliveries`).set(bearer(tenant.apiKey)).expect(200)).body.items;
  const endpoint = async (id: string) => (await sut.http.get(`/v1/webhooks/${id}`).set(bearer(tenant.apiKey)).expect(200)).body;
  /** A counter's value in this process's registry (API and worker share it here). */
  const counter = async (name: string, labels: Record<string, string>) =>
    (await metricsRegistry.getSingleMetric(name)!.get()).values.find((v) => Object.entries(labels).every(([k, l]) => v.labels[k] === l))?.value ?? 0;
  const settled = (endpointId: string, count = 1) =>
    pollUntil(() => deliveries(endpointId), (items) => items.length >= count && items.every((d) => d.status !== 'PENDING'), { what: `${count} deliveries of ${endpointId} to settle`, timeoutMs: 10_000 });

  it('should deliver run.completed signed, retry it after a 500 with the same webhook-id, and log both attempts', async () => {
    const hook = await register('/flaky', ['run.completed'], 500, 200);
    const before = {
      retrying: await counter(WEBHOOK_ATTEMPTS_TOTAL, { event: 'run.completed', outcome: 'retrying' }),
      succeeded: await counter(WEBHOOK_ATTEMPTS_TOTAL, { event: 'run.completed', outcome: 'succeeded' }),
    };

    const completed = await run({ message: 'hi' });
    const [first, second] = await receiver.waitFor('/flaky', 2);

    expect(completed.status).toBe('COMPLETED');
    expect(second.headers['webhook-id']).toBe(first.headers['webhook-id']);
    expect(second.headers['user-agent']).toMatch(/^NeonHub-Webhooks\//);
    expect(second.headers['content-type']).toBe('application/json');
    expect(verifiedPayload(hook.secret, second)).toEqual({
      type: 'run.completed',
      timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      data: expect.objectContaining({ runId: completed.id, agent: 'echo', status: 'COMPLETED', attempt: 1 }),
    });
    const [logged] = await settled(hook.id);
    expect(logged).toMatchObject({ id: first.headers['webhook-id'], eventType: 'run.completed', status: 'SUCCEEDED', attempts: 2, nextAttemptAt: null, lastStatusCode: 200, lastError: null });
    expect(await counter(WEBHOOK_ATTEMPTS_TOTAL, { event: 'run.completed', outcome: 'retrying' })).toBeGreaterThanOrEqual(before.retrying + 1);
    expect(await counter(WEBHOOK_ATTEMPTS_TOTAL, { event: 'run.completed', outcome: 'succeeded' })).toBeGreaterThanOrEqual(before.succeeded + 1);
  });

  it('should deliver run.failed only to the endpoints subscribed to it', async () => {
    const failures = await register('/failures', ['run.failed']);

    await run({ message: 'fine' });
    const failed = await run({ fail: 'fatal' });
    const [received] = await receiver.waitFor('/failures', 1);

    expect(failed.status).toBe('FAILED');
    expect(verifiedPayload(failures.secret, received).data).toMatchObject({ runId: failed.id, agent: 'echo', status: 'FAILED', errorClass: expect.any(String) });
    expect((await settled(failures.id)).map((d) => d.eventType)).toEqual(['run.failed']);
  });

  it('should end a delivery FAILED after its last retry, send it again on demand, and refuse to resend a success', async () => {
    const hook = await register('/down', ['run.completed'], 500);
    await run({});
    const [failed] = await settled(hook.id);
    expect(failed).toMatchObject({ status: 'FAILED', attempts: 3, nextAttemptAt: null, lastStatusCode: 500, lastError: 'the receiver answered 500' });

    receiver.answer('/down', 200);
    const retried = await sut.http.post(`/v1/webhooks/${hook.id}/deliveries/${failed.id}/retry`).set(bearer(tenant.apiKey)).expect(202);
    expect(retried.body).toMatchObject({ id: failed.id, status: 'PENDING' });
    const received = await receiver.waitFor('/down', 4);

    expect(received[3].headers['webhook-id']).toBe(failed.id);
    const [succeeded] = await settled(hook.id);
    expect(succeeded).toMatchObject({ status: 'SUCCEEDED', attempts: 4, lastStatusCode: 200 });
    const again = await sut.http.post(`/v1/webhooks/${hook.id}/deliveries/${failed.id}/retry`).set(bearer(tenant.apiKey)).expect(409);
    expect(again.body.message).toBe(`webhook delivery ${failed.id} already succeeded`);
  });

  it('should disable an endpoint whose deliveries failed for good twice in a row, say why, and start afresh when enabled again', async () => {
    const hook = await register('/broken', ['run.completed'], 503);

    await run({});
    await settled(hook.id, 1);
    expect(await endpoint(hook.id)).toMatchObject({ enabled: true, consecutiveFailures: 1 });
    await run({});
    await settled(hook.id, 2);

    expect(await endpoint(hook.id)).toMatchObject({
      enabled: false,
      consecutiveFailures: 2,
      disabledReason: '2 deliveries in a row failed after every retry (last: the receiver answered 503)',
    });
    // Deliveries of one event are written by one statement: once the enabled endpoint has its own, the disabled one would have had one too.
    await register('/still-on', ['run.completed']);
    await run({});
    await receiver.waitFor('/still-on', 1);
    expect(await deliveries(hook.id)).toHaveLength(2);

    const enabled = await sut.http.patch(`/v1/webhooks/${hook.id}`).set(bearer(tenant.apiKey)).send({ enabled: true }).expect(200);
    expect(enabled.body).toMatchObject({ enabled: true, disabledReason: null, consecutiveFailures: 0 });
  });

  it('should disable an endpoint at once when the receiver answers 410 Gone, without retrying', async () => {
    const hook = await register('/gone', ['run.completed'], 410);

    await run({});
    const [gone] = await settled(hook.id);

    expect(gone).toMatchObject({ status: 'FAILED', attempts: 1, lastStatusCode: 410 });
    expect(await endpoint(hook.id)).toMatchObject({ enabled: false, disabledReason: 'the receiver answered 410 Gone: it asked for no more deliveries' });
    expect(receiver.requestsOn('/gone')).toHaveLength(1);
    expect(await counter(WEBHOOK_ENDPOINTS_DISABLED_TOTAL, { reason: 'gone' })).toBe(1);
  });

  it('should write and send the deliveries a process left behind: an event with none, a delivery with no job', async () => {
    const hook = await register('/catch-up', ['run.completed', 'run.cancelled']);
    const completed = await run({});
    await receiver.waitFor('/catch-up', 1);
    // As if the process appending this event had died before its listener ran.
    await sut.sql.query(`INSERT INTO run_events (organization_id, run_id, type, data) VALUES ($1, $2, 'run.cancelled', '{}')`, [tenant.organizationId, completed.id]);
    // As if the process had died after the insert, before queueing the job.
    await sut.sql.query('UPDATE webhook_deliveries SET status = $2, next_attempt_at = now() - interval \'1 minute\', attempts = 5 WHERE endpoint_id = $1', [hook.id, 'PENDING']);

    const queued = await sut.app.get(WebhookSweeper).sweep({ graceMs: 0, overdueMs: 0 });
    const received = await receiver.waitFor('/catch-up', 3);

    expect(queued).toBe(2);
    expect(received.map((r) => verifiedPayload(hook.secret, r).type).sort()).toEqual(['run.cancelled', 'run.completed', 'run.completed']);
    expect((await settled(hook.id, 2)).map((d) => d.status)).toEqual(['SUCCEEDED', 'SUCCEEDED']);
    expect(await sut.app.get(WebhookSweeper).sweep({ graceMs: 0, overdueMs: 0 })).toBe(0);
  });
});
