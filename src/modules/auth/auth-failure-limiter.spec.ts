import IORedis from 'ioredis';
import type { PinoLogger } from 'nestjs-pino';
import { randomBytes } from 'node:crypto';
import type { AppConfig } from '../../config/app-config';
import type { RedisService } from '../../infra/redis/redis.service';
import { strictDouble } from '../../../test/support/strict-double';
import type { ProtectionMetrics } from '../metrics/protection-metrics';
import { AuthFailureLimiter, TooManyFailedAuthenticationsError } from './auth-failure-limiter';

const REDIS_URL = process.env.TEST_REDIS_URL ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Two limiters on one real Redis stand for two API processes. */
describe(AuthFailureLimiter.name, () => {
  const clients: IORedis[] = [];
  // A budget of its own (the key prefix carries it), so no other test's counters are read.
  const config = { auth: { failureLimit: 2, failureWindowSeconds: 30 + Math.floor(Math.random() * 1000) } } as AppConfig;
  const limiter = () => {
    const client = new IORedis(REDIS_URL, { maxRetriesPerRequest: 1 });
    clients.push(client);
    return new AuthFailureLimiter(
      config,
      strictDouble<RedisService>('RedisService', { client }),
      strictDouble<PinoLogger>('PinoLogger', { setContext: jest.fn(), warn: jest.fn() }),
      metrics,
    );
  };
  const metrics = strictDouble<ProtectionMetrics>('ProtectionMetrics', { limited: jest.fn(), authenticationFailed: jest.fn() });
  afterAll(() => clients.forEach((c) => c.disconnect()));
  beforeEach(() => jest.clearAllMocks());

  it('should take an address it just found clear as clear for a moment, but check again after any failure it sees', async () => {
    const address = `198.51.100.${randomBytes(1)[0]}-${randomBytes(4).toString('hex')}`;
    const sut = limiter();
    const other = limiter();
    await sut.assertNotBlocked(address);

    // Another process sees the failures that block the address.
    await other.recordFailure(address);
    await other.recordFailure(address).catch(() => undefined);
    await expect(other.assertNotBlocked(address)).rejects.toBeInstanceOf(TooManyFailedAuthenticationsError);

    // This one found it clear a moment ago and trusts that; a failure here ends the trust at once.
    await expect(sut.assertNotBlocked(address)).resolves.toBeUndefined();
    await sut.recordFailure(address).catch(() => undefined);
    await expect(sut.assertNotBlocked(address)).rejects.toBeInstanceOf(TooManyFailedAuthenticationsError);
  });

  it('should count each failure, and each refusal of a blocked address, in the metrics', async () => {
    const address = `198.51.100.${randomBytes(1)[0]}-${randomBytes(4).toString('hex')}`;
    const sut = limiter();

    await sut.recordFailure(address);
    await expect(sut.recordFailure(address)).resolves.toBeUndefined();
    await expect(sut.recordFailure(address)).rejects.toBeInstanceOf(TooManyFailedAuthenticationsError);
    await expect(sut.assertNotBlocked(address)).rejects.toBeInstanceOf(TooManyFailedAuthenticationsError);
    sut.recordMissingCredential();

    expect(jest.mocked(metrics.authenticationFailed).mock.calls).toEqual([['invalid'], ['invalid'], ['missing']]);
    expect(jest.mocked(metrics.limited).mock.calls).toEqual([['auth_failures'], ['auth_failures']]);
  });
});
