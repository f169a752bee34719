import IORedis from 'ioredis';
import { randomUUID } from 'node:crypto';
import type { AppConfig } from '../../config/app-config';
import type { RedisService } from '../../infra/redis/redis.service';
import { strictDouble } from '../../../test/support/strict-double';
import type { ProtectionMetrics } from '../metrics/protection-metrics';
import { ApiKeyRateLimitedError, ApiKeyRequestLimiter, type ApiKeyBudget } from './api-key-request-limiter';

const REDIS_URL = process.env.TEST_REDIS_URL ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const LIMIT = 3;

describe(ApiKeyRequestLimiter.name, () => {
  const clients: IORedis[] = [];
  const config = { httpProtection: { corsOrigins: [], apiKeyRequestsPerMinute: LIMIT } } as unknown as AppConfig;
  const metrics = strictDouble<ProtectionMetrics>('ProtectionMetrics', { limited: jest.fn() });
  const limiter = (client: IORedis) => {
    clients.push(client);
    return new ApiKeyRequestLimiter(config, strictDouble<RedisService>('RedisService', { client }), metrics);
  };
  const refusedBudget = (sut: ApiKeyRequestLimiter, apiKeyId: string) => {
    let told: ApiKeyBudget | undefined;
    return sut.take(apiKeyId, (budget) => (told = budget)).then(
      () => ({ error: undefined, told }),
      (error: unknown) => ({ error, told }),
    );
  };
  beforeEach(() => jest.clearAllMocks());
  afterAll(() => clients.forEach((c) => c.disconnect()));

  it('should share one budget per key between two processes and tell what is left', async () => {
    // Two limiters on one real Redis stand for two API processes.
    const sut = limiter(new IORedis(REDIS_URL, { maxRetriesPerRequest: 1 }));
    const other = limiter(new IORedis(REDIS_URL, { maxRetriesPerRequest: 1 }));
    const apiKeyId = randomUUID();
    const none = () => undefined;

    const budgets = [await sut.take(apiKeyId, none), await other.take(apiKeyId, none), await sut.take(apiKeyId, none)];
    const refused = await refusedBudget(other, apiKeyId);

    expect(budgets.map((b) => [b.limit, b.remaining])).toEqual([[LIMIT, 2], [LIMIT, 1], [LIMIT, 0]]);
    expect(budgets[0].resetSeconds).toBeGreaterThanOrEqual(55);
    expect(budgets[0].resetSeconds).toBeLessThanOrEqual(60);
    expect(refused.error).toBeInstanceOf(ApiKeyRateLimitedError);
    expect((refused.error as ApiKeyRateLimitedError).headers['Retry-After']).toBe(String(refused.told?.resetSeconds));
    expect(refused.told).toMatchObject({ limit: LIMIT, remaining: 0 });
    expect(jest.mocked(metrics.limited).mock.calls).toEqual([['api_key']]);
    await expect(sut.take(randomUUID(), none)).resolves.toMatchObject({ remaining: LIMIT - 1 });
  });

  it('should hold each key to its budget in this process alone while Redis is unreachable: neither open nor closed', async () => {
    // Never connected and no offline queue: every command fails at once, as while Redis is down.
    const sut = limiter(new IORedis(REDIS_URL, { lazyConnect: true, enableOfflineQueue: false }));
    const apiKeyId = randomUUID();
    const none = () => undefined;

    const remaining = [];
    for (let i = 0; i < LIMIT; i++) remaining.push((await sut.take(apiKeyId, none)).remaining);
    const refused = await refusedBudget(sut, apiKeyId);

    expect(remaining).toEqual([2, 1, 0]);
    expect(refused.error).toBeInstanceOf(ApiKeyRateLimitedError);
    await expect(sut.take(randomUUID(), none)).resolves.toMatchObject({ remaining: LIMIT - 1 });
  });
});
