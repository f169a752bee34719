import IORedis, { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import type { RedisService } from '../../infra/redis/redis.service';
import { ConnectorError, type ConnectorErrorCategory } from './connector-error';
import { ConnectorGuards } from './connector-guards';
import type { ConnectorManifest } from './connector.types';

const manifest = { key: 'guarded', rateLimit: { requests: 2, perSeconds: 5 } } as ConnectorManifest;
const failWith = (category: ConnectorErrorCategory) => () => Promise.reject(new ConnectorError(category, `failed: ${category}`));
const caught = (promise: Promise<unknown>) => promise.then(() => undefined, (e: unknown) => e as ConnectorError);

describe(ConnectorGuards.name, () => {
  let redis: Redis;
  let organizationId: string;
  let sut: ConnectorGuards;

  beforeAll(() => {
    redis = new IORedis(process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379', { maxRetriesPerRequest: 1 });
  });
  beforeEach(() => {
    organizationId = `org-${randomUUID()}`;
    sut = new ConnectorGuards({ client: redis } as RedisService);
  });
  afterEach(async () => {
    jest.useRealTimers();
    await redis.del(`neonhub:rl:connector:${manifest.key}:${organizationId}`);
  });
  afterAll(() => redis.quit());

  describe('admit', () => {
    it('should refuse beyond the provider rate limit with RATE_LIMITED and a Retry-After, before any request', async () => {
      await sut.admit(manifest, organizationId);
      await sut.admit(manifest, organizationId);

      const refused = await caught(sut.admit(manifest, organizationId));

      expect(refused).toMatchObject({ category: 'RATE_LIMITED', retryable: true, details: { requestSent: false } });
      expect(refused?.message).toBe('guarded: the provider allows 2 requests per 5 s for this organization');
      expect(Number(refused?.headers['Retry-After'])).toBeGreaterThanOrEqual(1);
      expect(Number(refused?.headers['Retry-After'])).toBeLessThanOrEqual(5);
    });
  });

  describe('guard', () => {
    beforeEach(() => jest.useFakeTimers({ now: new Date('2026-11-22T08:00:00Z'), doNotFake: ['nextTick', 'setImmediate'] }));

    it('should pause a tenant after 5 provider-side failures, with a Retry-After', async () => {
      for (let i = 0; i < 5; i++) await caught(sut.guard(manifest, organizationId, failWith('PROVIDER_UNAVAILABLE')));

      const refused = await caught(sut.guard(manifest, organizationId, () => Promise.resolve('never')));

      expect(refused).toMatchObject({ category: 'PROVIDER_UNAVAILABLE', details: { retryAfterMs: 30_000, requestSent: false } });
      expect(refused?.headers['Retry-After']).toBe('30');
      expect(refused?.message).toBe('guarded: failing repeatedly for this organization; paused for 30 s');
    });

    it('should not pause for mistakes of the caller', async () => {
      for (let i = 0; i < 6; i++) await caught(sut.guard(manifest, organizationId, failWith('INVALID_INPUT')));

      await expect(sut.guard(manifest, organizationId, () => Promise.resolve('ok'))).resolves.toBe('ok');
    });

    it('should pause only the failing tenant', async () => {
      for (let i = 0; i < 5; i++) await caught(sut.guard(manifest, organizationId, failWith('REAUTH_REQUIRED')));

      await expect(sut.guard(manifest, 'another-org', () => Promise.resolve('ok'))).resolves.toBe('ok');
    });
  });
});
