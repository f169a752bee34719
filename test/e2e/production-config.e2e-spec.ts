import { TEST_SERVER_URL } from '../support/database';
import { freePort } from '../support/redis-server';
import { BUILT_MAIN, ServiceProcess } from '../support/service-process';
import { BUILT_WORKER } from '../support/worker-process';

/**
 * bootstrap.ts promises operators that a bad configuration is one line naming the variable and
 * exit 1, never a stack trace; that holds for variables checked after boot has begun too.
 */
describe('A production process without NEONHUB_ENCRYPTION_KEYS', () => {
  const started: ServiceProcess[] = [];
  afterEach(async () => {
    await Promise.all(started.splice(0).map((s) => s.stop()));
  });

  it.each([
    ['API', BUILT_MAIN],
    ['worker', BUILT_WORKER],
  ])('should refuse to start the %s with one line naming the variable, and exit 1', async (_name, entry) => {
    const sut = ServiceProcess.start(
      {
        NEONHUB_ENCRYPTION_KEYS: undefined,
        DATABASE_URL: TEST_SERVER_URL,
        REDIS_URL: 'redis://127.0.0.1:1',
        PORT: String(await freePort()),
        WORKER_PORT: String(await freePort()),
      },
      entry,
    );
    started.push(sut);

    const { code } = await sut.exited;

    expect(code).toBe(1);
    expect(sut.stderr.trim().split('\n')).toEqual([expect.stringContaining('NEONHUB_ENCRYPTION_KEYS must be set in production')]);
    expect(sut.stderr).not.toMatch(/\bat \S+ \(/);
  }, 30_000);
});
