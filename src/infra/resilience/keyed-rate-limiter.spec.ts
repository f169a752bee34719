import IORedis, { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import { KeyedRateLimiter } from './keyed-rate-limiter';

class Limited extends Error {
  constructor(readonly retryAfterMs: number) {
    super('limited');
  }
}

const limited = (retryAfterMs: number) => new Limited(retryAfterMs);

describe(KeyedRateLimiter.name, () => {
  describe('with Redis', () => {
    const keyPrefix = `neonhub:test:rl:${randomUUID()}`;
    let redis: Redis;
    let sut: KeyedRateLimiter;

    beforeAll(() => {
      redis = new IORedis(process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379', { maxRetriesPerRequest: 1 });
    });
    beforeEach(() => {
      sut = new KeyedRateLimiter(redis, { keyPrefix, points: 2, durationSeconds: 60 });
    });
    afterAll(async () => {
      const keys = await redis.keys(`${keyPrefix}*`);
      if (keys.length) await redis.del(...keys);
      await redis.quit();
    });

    it('should admit up to the budget, then reject with the wait until the next point', async () => {
      await sut.consume('agent:user-1', limited);
      await sut.consume('agent:user-1', limited);

      const refused = await sut.consume('agent:user-1', limited).catch((e: unknown) => e);

      expect(refused).toBeInstanceOf(Limited);
      expect((refused as Limited).retryAfterMs).toBeGreaterThan(55_000);
      expect((refused as Limited).retryAfterMs).toBeLessThanOrEqual(60_000);
    });

    it('should answer the points left and when the window ends with each point taken', async () => {
      const first = await sut.take('agent:user-6', limited);
      const second = await sut.take('agent:user-6', limited);

      expect(first.remainingPoints).toBe(1);
      expect(second.remainingPoints).toBe(0);
      expect(first.msBeforeReset).toBeGreaterThan(55_000);
      expect(second.msBeforeReset).toBeLessThanOrEqual(first.msBeforeReset);
      await expect(sut.take('agent:user-6', limited)).rejects.toBeInstanceOf(Limited);
    });

    it('should keep keys apart', async () => {
      await sut.consume('agent:user-2', limited);
      await sut.consume('agent:user-2', limited);

      await expect(sut.consume('agent:user-3', limited)).resolves.toBe(1);
    });

    it('should share one budget between limiters of one prefix, as separate processes do', async () => {
      const other = new KeyedRateLimiter(redis, { keyPrefix, points: 2, durationSeconds: 60 });
      await sut.consume('agent:user-4', limited);
      await other.consume('agent:user-4', limited);

      await expect(sut.consume('agent:user-4', limited)).rejects.toBeInstanceOf(Limited);
    });

    it('should refuse a spent key without taking a point, and let an unspent or unknown key pass', async () => {
      await sut.consume('agent:user-5', limited);
      await sut.assertNotSpent('agent:user-5', limited);
      await sut.assertNotSpent('agent:never-seen', limited);
      await sut.consume('agent:user-5', limited);

      const refused = await sut.assertNotSpent('agent:user-5', limited).catch((e: unknown) => e);

      expect(refused).toBeInstanceOf(Limited);
      expect((refused as Limited).retryAfterMs).toBeGreaterThan(55_000);
    });
  });

  describe('while Redis is unreachable', () => {
    let unreachable: Redis;

    beforeAll(() => {
      // Never connected and no offline queue: every command fails at once, as while Redis is down.
      unreachable = new IORedis('redis://127.0.0.1:6379', { lazyConnect: true, enableOfflineQueue: false });
    });
    afterAll(() => unreachable.disconnect());

    it('should fall back to counting in memory', async () => {
      const sut = new KeyedRateLimiter(unreachable, { keyPrefix: 'neonhub:test:rl:insurance', points: 1, durationSeconds: 60 });

      await expect(sut.consume('agent:user', limited)).resolves.toBe(0);
      await expect(sut.consume('agent:user', limited)).rejects.toBeInstanceOf(Limited);
      await expect(sut.consume('agent:other', limited)).resolves.toBe(0);
    });

    it('should tell a spent key from the in-memory counts', async () => {
      const sut = new KeyedRateLimiter(unreachable, { keyPrefix: 'neonhub:test:rl:insurance-peek', points: 1, durationSeconds: 60 });
      await sut.consume('agent:user', limited);

      await expect(sut.assertNotSpent('agent:user', limited)).rejects.toBeInstanceOf(Limited);
      await expect(sut.assertNotSpent('agent:other', limited)).resolves.toBeUndefined();
    });
  });
});
