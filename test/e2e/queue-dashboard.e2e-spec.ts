import { randomBytes } from 'node:crypto';
import { createMigratedTestDatabase, TestDatabase } from '../support/database';
import { DisposableRedis } from '../support/redis-server';
import { ServiceProcess } from '../support/service-process';
import { startWorker } from '../support/worker-process';

const KEY = randomBytes(32).toString('base64url');
/** Among the queues a worker consumes; others join as features add them. */
const QUEUES = ['agent.run', 'intake.fetch', 'intake.normalize', 'intake.embed'];

const bearer = (key: string) => ({ authorization: `Bearer ${key}` });
const basic = (user: string, password: string) => ({ authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` });

/**
 * The built worker as operators run it, on a Redis server of its own: a worker consumes every
 * queue it registers, and on a shared Redis it would take other specs' jobs.
 */
describe('Queue dashboard on the worker', () => {
  let redis: DisposableRedis;
  let db: TestDatabase;
  const processes: ServiceProcess[] = [];

  const workerEnv = (extra: Record<string, string> = {}) => ({ DATABASE_URL: db.url, REDIS_URL: redis.url, DATABASE_POOL_SIZE: '2', ...extra });

  beforeAll(async () => {
    redis = await DisposableRedis.create();
    await redis.start();
    db = await createMigratedTestDatabase();
  });

  afterAll(async () => {
    await Promise.all(processes.splice(0).map((p) => p.stop()));
    await redis?.stop();
    await db?.drop();
  });

  describe('with QUEUE_DASHBOARD_KEY', () => {
    let url: string;
    let stdout: () => string;

    beforeAll(async () => {
      const worker = await startWorker(workerEnv({ QUEUE_DASHBOARD_KEY: KEY }), processes);
      url = worker.url;
      stdout = () => worker.service.stdout;
    }, 60_000);

    /** The queues the boot line names, as found by discovery. */
    const consumed = () => /NeonHub worker consuming ([^;]+);/.exec(stdout())?.[1].split(', ');

    it.each([
      ['no key', {}],
      ['a wrong Bearer key', bearer(`${KEY}x`)],
      ['a wrong Basic password', basic('admin', `${KEY}x`)],
      ['the key under another Basic user', basic('root', KEY)],
    ])('should answer 401 with a Basic challenge to %s, in the one error shape', async (_, headers) => {
      for (const path of ['/queues', '/queues/api/queues']) {
        const res = await fetch(`${url}${path}`, { headers });

        expect(res.status).toBe(401);
        expect(res.headers.get('www-authenticate')).toBe('Basic realm="queues"');
        const requestId = res.headers.get('x-request-id');
        expect(await res.json()).toEqual({ statusCode: 401, error: 'Unauthorized', message: 'missing or invalid queue dashboard key', requestId });
      }
    });

    it.each([
      ['a Bearer token', bearer(KEY)],
      ['HTTP Basic as admin', basic('admin', KEY)],
    ])('should serve the dashboard page to the key as %s', async (_, headers) => {
      const res = await fetch(`${url}/queues`, { headers });

      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      expect(await res.text()).toContain('NeonHub queues');
    });

    it('should list agent.run, the intake queues and every other queue the worker consumes in its API', async () => {
      const res = await fetch(`${url}/queues/api/queues`, { headers: bearer(KEY) });

      expect(res.status).toBe(200);
      const listed = ((await res.json()) as { queues: Array<{ name: string }> }).queues.map((queue) => queue.name);
      expect(listed).toEqual(expect.arrayContaining([...QUEUES, 'schedules.tick', 'webhooks.deliver']));
      // Both found by discovery: the boot line names the consumed queues, the board the registered ones.
      expect([...listed].sort()).toEqual(consumed());
      expect(stdout()).toContain(`queue dashboard at /queues showing ${consumed()?.join(', ')}`);
    });
  });

  it('should not mount the dashboard without QUEUE_DASHBOARD_KEY, and say so at boot', async () => {
    const sut = await startWorker(workerEnv(), processes);

    for (const headers of [{}, bearer(KEY)]) {
      const res = await fetch(`${sut.url}/queues`, { headers });
      expect(res.status).toBe(404);
    }
    expect((await fetch(`${sut.url}/health/live`)).status).toBe(200);
    expect(sut.service.stdout).toContain('queue dashboard not mounted: QUEUE_DASHBOARD_KEY is not set');
  }, 60_000);
});
