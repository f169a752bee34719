import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyMigrations } from '../../src/infra/database/migrations/migrator';
import { randomApiKey } from '../support/app';
import { createTestDatabase, TestDatabase } from '../support/database';
import { freePort } from '../support/redis-server';
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
    beforeAll(() => {
      dataDir = mkdtempSync(join(tmpdir(), 'neonhub-embedded-'));
    });
    afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

    it('should migrate and seed on first boot, keep data across a restart, and say which database it uses', async () => {
      const apiKey = randomApiKey();
      const env = { DATABASE_URL: undefined, NEONHUB_DATA_DIR: dataDir, SEED_API_KEY: apiKey };

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
  });
});
