import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { Agent, request as httpRequest } from 'node:http';
import { createServer, type AddressInfo } from 'node:net';
import { Client } from 'pg';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyMigrations } from '../../src/infra/database/migrations/migrator';
import { randomApiKey } from '../support/app';
import { createTestDatabase, TestDatabase } from '../support/database';
import { DisposableRedis, freePort } from '../support/redis-server';
import { pollUntil } from '../support/poll';
import { BUILT_WORKER } from '../support/worker-process';
import { ServiceProcess } from '../support/service-process';

const LISTENING = 'NeonHub API listening';

async function getJson(port: number, path: string, apiKey?: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`http://127.0.0.1:${port}${path}`, { headers: apiKey ? { authorization: `Bearer ${apiKey}` } : {} });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('NeonHub API process', () => {
  const started: ServiceProcess[] = [];
  const start = (env: Record<string, string | undefined>) => {
    const service = ServiceProcess.start(env);
    started.push(service);
    return service;
  };
  afterEach(async () => {
    await Promise.all(started.splice(0).map((s) => s.stop()));
  });

  it('should refuse a bad variable with one line naming it, and exit 1', async () => {
    const sut = start({ PORT: 'abc', DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/none' });
    const { code } = await sut.exited;
    expect(code).toBe(1);
    const lines = sut.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/PORT must be an integer/);
    expect(sut.stderr).not.toMatch(/\bat \S+ \(/);
  }, 30_000);

  describe('on a PostgreSQL server', () => {
    let db: TestDatabase;
    beforeAll(async () => {
      db = await createTestDatabase();
      await applyMigrations({ databaseUrl: db.url });
    });
    afterAll(() => db.drop());

    it('should finish an in-flight request on SIGTERM, then exit 0 within 10 s, never logging the key', async () => {
      const apiKey = randomApiKey();
      const port = await freePort();
      const { seedDatabase } = await import('../../src/infra/database/seed/seed');
      await seedDatabase({ databaseUrl: db.url, apiKey });
      const sut = start({ PORT: String(port), DATABASE_URL: db.url });
      await sut.waitForOutput(LISTENING);
      expect(sut.stdout).toContain('using PostgreSQL server');

      // A request whose body is still arriving when the signal lands.
      const body = JSON.stringify({ name: 'in-flight' });
      const inFlight = new Promise<{ status: number; text: string }>((resolve, reject) => {
        const req = httpRequest(
          { host: '127.0.0.1', port, method: 'POST', path: '/v1/api-keys', headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), expect: '100-continue' } },
          (res) => {
            let text = '';
            res.on('data', (c: Buffer) => (text += c.toString()));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
          },
        );
        req.on('error', reject);
        // "100 Continue" proves the server has parsed the headers and routed the request: it is
        // in flight. Only then the signal, and only after that the body.
        req.on('continue', () => {
          sut.signal('SIGTERM');
          setTimeout(() => req.end(body), 200);
        });
        req.flushHeaders();
      });

      const answer = await inFlight;
      const { code } = await sut.exited;
      expect(answer.status).toBe(201);
      // Drained, not forced: the forced-exit timer exits 1 and says so on stderr.
      expect(code).toBe(0);
      expect(sut.stderr).not.toMatch(/shutdown (did not finish|failed)/);
      expect(sut.stdout).not.toContain(apiKey);
      expect(sut.stdout).not.toContain(JSON.parse(answer.text).key);
    }, 60_000);
  });

  describe('shutting down under load', () => {
    let db: TestDatabase;
    let redis: DisposableRedis;
    beforeAll(async () => {
      db = await createTestDatabase();
      await applyMigrations({ databaseUrl: db.url });
      redis = await DisposableRedis.create();
      await redis.start();
    });
    afterAll(async () => {
      await db.drop();
      await redis?.stop();
    });

    /** One sync run on a kept-alive connection: its status, or the socket error that ended it. */
    function post(agent: Agent, port: number, apiKey: string, input: object): Promise<{ status?: number; body?: Record<string, unknown>; error?: string }> {
      return new Promise((resolve) => {
        const req = httpRequest({ host: '127.0.0.1', port, path: '/v1/runs', method: 'POST', agent, headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' } }, (res) => {
          let text = '';
          res.on('data', (chunk: Buffer) => (text += chunk.toString()));
          res.on('end', () => resolve({ status: res.statusCode, body: text ? (JSON.parse(text) as Record<string, unknown>) : undefined }));
          res.on('error', (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message }));
        });
        req.on('error', (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message }));
        req.end(JSON.stringify({ agent: 'echo', input }));
      });
    }

    it('should answer every run in flight (handing back those that would outlast the budget), reset no connection, and exit 0', async () => {
      const apiKey = randomApiKey();
      const { seedDatabase } = await import('../../src/infra/database/seed/seed');
      await seedDatabase({ databaseUrl: db.url, apiKey });
      const port = await freePort();
      const sut = start({ PORT: String(port), DATABASE_URL: db.url, REDIS_URL: redis.url, SHUTDOWN_TIMEOUT_MS: '4000', RUN_RATE_LIMIT_PER_MINUTE: '100000' });
      await sut.waitForOutput(LISTENING);
      const agent = new Agent({ keepAlive: true, maxSockets: 30 });
      try {
        // 20 runs that would wait a minute (far past the budget), and 5 short ones.
        const long = Array.from({ length: 20 }, () => post(agent, port, apiKey, { toolCalls: 1, delayMs: 60_000 }));
        const short = Array.from({ length: 5 }, () => post(agent, port, apiKey, { toolCalls: 1, delayMs: 500 }));
        await pollUntil(
          () => getJson(port, '/v1/runs?status=RUNNING&limit=100', apiKey),
          (r) => (r.body.items as unknown[]).length === 25,
          { timeoutMs: 15_000, what: 'all 25 runs to be RUNNING' },
        );

        sut.signal('SIGTERM');
        const answers = await Promise.all([...long, ...short]);
        const { code } = await sut.exited;

        expect({ code, stderr: sut.stderr }).toEqual({ code: 0, stderr: '' });
        expect(answers.filter((a) => a.error)).toEqual([]);
        expect(short.length).toBe(5);
        expect((await Promise.all(short)).map((a) => a.status)).toEqual([201, 201, 201, 201, 201]);
        for (const answer of await Promise.all(long)) {
          expect(answer.status).toBe(202);
          expect(answer.body).toEqual({ id: expect.any(String), status: 'QUEUED', warning: expect.stringContaining('handed back') });
        }
        const queued = new Client({ connectionString: db.url });
        await queued.connect();
        const { rows } = await queued.query("SELECT count(*)::int AS n FROM agent_runs WHERE status = 'QUEUED' AND mode = 'ASYNC'");
        await queued.end();
        expect(rows[0].n).toBe(20);
      } finally {
        agent.destroy();
      }
    }, 60_000);
  });

  it('should refuse a port already in use with one line naming PORT, before creating the embedded database', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'neonhub-port-'));
    const holder = createServer();
    await new Promise<void>((resolve) => holder.listen({ port: 0, host: '0.0.0.0' }, resolve));
    const { port } = holder.address() as AddressInfo;
    try {
      const sut = start({ PORT: String(port), DATABASE_URL: undefined, NEONHUB_DATA_DIR: join(dataDir, 'data') });
      const { code } = await sut.exited;

      expect(code).toBe(1);
      expect(sut.stderr.trim().split('\n')).toEqual([`Invalid configuration: PORT ${port} is already in use; stop what holds it or set PORT to a free port`]);
      expect(sut.stdout).not.toContain('embedded');
      expect(existsSync(join(dataDir, 'data'))).toBe(false);
    } finally {
      await new Promise((resolve) => holder.close(resolve));
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 30_000);

  describe('on the embedded default', () => {
    let dataDir: string;
    // The API consumes agent.run itself here: a Redis of its own, so it never takes another spec's jobs.
    let redis: DisposableRedis;
    beforeAll(async () => {
      dataDir = mkdtempSync(join(tmpdir(), 'neonhub-embedded-'));
      redis = await DisposableRedis.create();
      await redis.start();
    });
    afterAll(async () => {
      rmSync(dataDir, { recursive: true, force: true });
      await redis?.stop();
    });

    it('should migrate and seed on first boot, keep data across a restart, and say which database it uses', async () => {
      const apiKey = randomApiKey();
      const env = { DATABASE_URL: undefined, NEONHUB_DATA_DIR: dataDir, SEED_API_KEY: apiKey, REDIS_URL: redis.url };

      const first = start({ ...env, PORT: String(await freePort()) });
      await first.waitForOutput(LISTENING);
      expect(first.stdout).toContain('using embedded PGlite database');
      expect(first.stdout).toMatch(/seeded the demo organization Demo Agency \(demo\) with its admin admin@demo\.neonhub\.local; its API key is the one in SEED_API_KEY/);
      const port1 = Number(/"NeonHub API listening on port (\d+)/.exec(first.stdout)?.[1] ?? first.stdout.match(/listening on port (\d+)/)![1]);
      const health = await getJson(port1, '/health');
      expect(health.body).toMatchObject({ status: 'ok', database: 'embedded' });
      const created = await fetch(`http://127.0.0.1:${port1}/v1/api-keys`, {
        method: 'POST',
        headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'survives restart' }),
      });
      expect(created.status).toBe(201);
      const { key } = (await created.json()) as { key: string };
      first.signal('SIGTERM');
      expect((await first.exited).code).toBe(0);

      const second = start({ ...env, PORT: String(await freePort()) });
      await second.waitForOutput(LISTENING);
      expect(second.stdout).toContain('0 migrations applied now');
      expect(second.stdout).not.toContain('seeded the demo organization');
      const port2 = Number(second.stdout.match(/listening on port (\d+)/)![1]);
      const me = await getJson(port2, '/v1/me', key);
      expect(me.status).toBe(200);
      second.signal('SIGTERM');
      expect((await second.exited).code).toBe(0);
    }, 120_000);

    it('should run an async run to completion with no worker process, and refuse to start a worker with a reason', async () => {
      const apiKey = randomApiKey();
      const sut = start({ DATABASE_URL: undefined, NEONHUB_DATA_DIR: dataDir, SEED_API_KEY: apiKey, REDIS_URL: redis.url, PORT: String(await freePort()) });
      await sut.waitForOutput(LISTENING);
      const port = Number(sut.stdout.match(/listening on port (\d+)/)![1]);
      const headers = { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' };
      const queued = await fetch(`http://127.0.0.1:${port}/v1/runs`, { method: 'POST', headers, body: JSON.stringify({ agent: 'echo', mode: 'async', input: { message: 'embedded async', toolCalls: 1 } }) });
      expect(queued.status).toBe(202);
      const { id, warning } = (await queued.json()) as { id: string; warning?: string };
      expect(warning).toBeUndefined();

      const run = await pollUntil(() => getJson(port, `/v1/runs/${id}`, apiKey), (r) => r.body.status !== 'QUEUED' && r.body.status !== 'RUNNING', { timeoutMs: 20_000, what: `run ${id} to finish` });
      expect(run.body).toMatchObject({ status: 'COMPLETED', output: { message: 'embedded async' } });

      const worker = ServiceProcess.start({ DATABASE_URL: undefined, NEONHUB_DATA_DIR: dataDir, REDIS_URL: redis.url, WORKER_PORT: String(await freePort()) }, BUILT_WORKER);
      expect((await worker.exited).code).toBe(1);
      expect(worker.stderr).toContain('the worker needs DATABASE_URL');
      sut.signal('SIGTERM');
      expect((await sut.exited).code).toBe(0);
    }, 120_000);
  });
});
