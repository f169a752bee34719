import { randomBytes } from 'node:crypto';
import type { AppConfig } from '../../src/config/app-config';
import { bearer, createTestApp, randomApiKey, TestApp } from '../support/app';
import { pollUntil } from '../support/poll';

/** A documentation address (RFC 3849) of its own per call, so no other spec or run shares its counters. */
const freshAddress = () => `2001:db8::${randomBytes(2).toString('hex')}:${randomBytes(2).toString('hex')}`;

/** The apps sit behind a "proxy" on loopback (supertest), so X-Forwarded-For names the client. */
const behindLoopbackProxy = (failureLimit: number, failureWindowSeconds: number): Partial<AppConfig> => ({
  auth: { failureLimit, failureWindowSeconds },
  trustProxy: ['loopback'],
});

describe('Failed authentication limit', () => {
  let first: TestApp;
  let second: TestApp;
  let shortWindow: TestApp;

  beforeAll(async () => {
    first = await createTestApp(behindLoopbackProxy(4, 60));
    // Another process in all but name: its own Nest app, limiter and in-memory insurance, sharing only Redis.
    second = await createTestApp(behindLoopbackProxy(4, 60), first.db);
    shortWindow = await createTestApp(behindLoopbackProxy(2, 1), first.db);
  }, 60_000);
  afterAll(async () => {
    await shortWindow?.close();
    await second?.close();
    await first?.close();
  });

  const me = (app: TestApp, address: string, apiKey: string) => app.http.get('/v1/me').set('X-Forwarded-For', address).set(bearer(apiKey));

  it('should answer 429 with Retry-After once failures spread over two processes reach the limit, while a valid key works from another address', async () => {
    const attacker = freshAddress();
    const statuses: number[] = [];
    for (const app of [first, second, first, second]) statuses.push((await me(app, attacker, randomApiKey())).status);

    const refused = await me(first, attacker, randomApiKey());
    const refusedOnSecond = await me(second, attacker, randomApiKey());
    const bystander = await me(second, freshAddress(), second.apiKey);

    expect(statuses).toEqual([401, 401, 401, 401]);
    expect(refused.status).toBe(429);
    expect(refused.body).toEqual({ statusCode: 429, error: 'Too Many Requests', message: expect.stringMatching(/too many failed authentication attempts/), requestId: expect.any(String) });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect(refusedOnSecond.status).toBe(429);
    expect(bystander.status).toBe(200);
  });

  it('should refuse a valid key from an address that reached the limit, until the window ends', async () => {
    const address = freshAddress();
    for (let i = 0; i < 4; i++) await me(first, address, randomApiKey()).expect(401);

    await me(second, address, second.apiKey).expect(429);
  });

  it('should count only failures, so successes in between neither spend nor reset the budget', async () => {
    const address = freshAddress();
    for (let i = 0; i < 3; i++) await me(first, address, randomApiKey()).expect(401);
    for (let i = 0; i < 6; i++) await me(i % 2 ? first : second, address, first.apiKey).expect(200);

    await me(second, address, randomApiKey()).expect(401);
    await me(first, address, randomApiKey()).expect(429);
  });

  it('should not count a request that presents no key', async () => {
    const address = freshAddress();
    for (let i = 0; i < 6; i++) await first.http.get('/v1/me').set('X-Forwarded-For', address).expect(401);

    await me(first, address, first.apiKey).expect(200);
  });

  it('should let the address try again once the window has passed', async () => {
    const address = freshAddress();
    await me(shortWindow, address, randomApiKey()).expect(401);
    await me(shortWindow, address, randomApiKey()).expect(401);

    // No expectation on how long that takes: wait for the window to end, however slow the machine.
    const after = await pollUntil(() => me(shortWindow, address, shortWindow.apiKey), (res) => res.status !== 429, { what: 'the failure window to end', timeoutMs: 10_000 });

    expect(after.status).toBe(200);
    await me(shortWindow, address, randomApiKey()).expect(401);
  });
});
