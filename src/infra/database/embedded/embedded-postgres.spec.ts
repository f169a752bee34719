import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../../../generated/prisma/client';
import { acquireDataDirLock, EMBEDDED_POOL_OPTIONS, EmbeddedPostgres } from './embedded-postgres';

// Booting PGlite (WASM) and running initdb takes several seconds on a cold directory.
jest.setTimeout(120_000);

/*
 * The database runs in a child process (TypeScript loaded by tsx), for two reasons:
 * - PGlite's CommonJS build loads Node built-ins and its Emscripten glue with dynamic import(),
 *   which Jest's module sandbox rejects unless Node runs with --experimental-vm-modules;
 * - its WASM heap (hundreds of MB) then never lands in the Jest worker, and the lock is
 *   exercised across real processes. pg and Prisma still run here, in the test process.
 */
const CHILD = `
const { EmbeddedPostgres } = require(process.env.EMBEDDED_PG_MODULE);
(async () => {
  let db;
  try {
    db = await EmbeddedPostgres.start({ dataDir: process.env.EMBEDDED_PG_DATA_DIR });
  } catch (err) {
    process.send({ type: 'error', message: String(err && err.message) }, () => process.exit(1));
    return;
  }
  const stop = async () => {
    await Promise.all([db.stop(), db.stop()]);
    await db.stop();
  };
  process.on('disconnect', () => stop().finally(() => process.exit(0)));
  process.on('message', () => stop().then(() => process.send({ type: 'stopped' }, () => process.exit(0))));
  process.send({ type: 'started', url: db.url, recommendedPoolSize: db.recommendedPoolSize });
})();
`;

interface Booted {
  child: ChildProcess;
  url: string;
  recommendedPoolSize: number;
}
type ChildMessage = { type: 'started'; url: string; recommendedPoolSize: number } | { type: 'error' | 'stopped'; message?: string };

const children = new Set<ChildProcess>();

function nextMessage(child: ChildProcess): Promise<ChildMessage> {
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`embedded database process exited with ${code}`));
    child.once('exit', onExit);
    child.once('message', (msg) => {
      child.off('exit', onExit);
      resolve(msg as ChildMessage);
    });
  });
}

async function boot(dataDir: string): Promise<Booted> {
  const child = spawn(process.execPath, ['--import', 'tsx', '-e', CHILD], {
    cwd: resolve(__dirname, '../../../..'), // where --import finds tsx, whatever Jest's cwd
    env: { ...process.env, EMBEDDED_PG_MODULE: require.resolve('./embedded-postgres'), EMBEDDED_PG_DATA_DIR: dataDir },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  children.add(child);
  const msg = await nextMessage(child);
  if (msg.type !== 'started') throw new Error(msg.message ?? `unexpected ${msg.type}`);
  return { child, url: msg.url, recommendedPoolSize: msg.recommendedPoolSize };
}

async function shutdown({ child }: Booted): Promise<void> {
  const exited = new Promise((done) => child.once('exit', done));
  const reply = nextMessage(child);
  child.send('stop');
  expect((await reply).type).toBe('stopped');
  await exited;
  children.delete(child);
}

/** A pid that certainly belonged to a process which has exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', '']);
  if (!child.pid) throw new Error('could not spawn a short-lived process');
  return child.pid;
}

async function withClient<T>(url: string, fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

describe('EmbeddedPostgres', () => {
  const root = mkdtempSync(join(tmpdir(), 'neonhub-pglite-'));
  const dataDir = join(root, 'data');
  const lockPath = join(dataDir, 'pglite.lock');
  let first: Booted;

  afterAll(() => {
    for (const child of children) child.kill(); // only if a test failed half-way
    rmSync(root, { recursive: true, force: true });
  });

  it('boots on an empty directory, loads vector, citext and uuid-ossp, and serves pg over TCP', async () => {
    first = await boot(dataDir);
    expect(first.url).toMatch(/^postgresql:\/\/postgres:postgres@127\.0\.0\.1:\d+\/postgres$/);
    expect(first.recommendedPoolSize).toBe(1);
    expect(existsSync(join(dataDir, 'pglite', 'PG_VERSION'))).toBe(true);
    expect(existsSync(lockPath)).toBe(true);

    const rows = await withClient(first.url, async (client) => {
      for (const ext of ['vector', 'citext', 'uuid-ossp']) {
        await client.query(`CREATE EXTENSION IF NOT EXISTS "${ext}"`);
      }
      await client.query(`CREATE TABLE items (
        id uuid PRIMARY KEY DEFAULT uuid_generate_v4(), name citext NOT NULL, embedding vector(3) NOT NULL)`);
      await client.query(
        `INSERT INTO items (name, embedding) VALUES ('Near', '[1,1,1]'), ('Mid', '[2,2,2]'), ('Far', '[9,9,9]')`,
      );
      const citextMatch = await client.query('SELECT id FROM items WHERE name = $1', ['NEAR']);
      expect(citextMatch.rowCount).toBe(1);
      const nearest = await client.query<{ name: string; distance: number }>(
        'SELECT name, embedding <-> $1::vector AS distance FROM items ORDER BY embedding <-> $1::vector LIMIT 2',
        ['[1,1,1.5]'],
      );
      return nearest.rows;
    });
    expect(rows.map((r) => r.name)).toEqual(['Near', 'Mid']);
    expect(rows[0].distance).toBeCloseTo(0.5);
  });

  it('refuses to open the directory while another process has it, naming directory and process', async () => {
    await expect(EmbeddedPostgres.start({ dataDir })).rejects.toThrow(
      `Embedded database directory ${dataDir} is in use by process ${first.child.pid}`,
    );
  });

  it("runs $queryRaw through the generated client and Prisma's PrismaPg adapter", async () => {
    const prisma = new PrismaClient({
      adapter: new PrismaPg({ connectionString: first.url, ...EMBEDDED_POOL_OPTIONS }),
    });
    try {
      expect(await prisma.$queryRaw`SELECT 1::int AS one`).toEqual([{ one: 1 }]);
      const probe = '[9,9,8]';
      const nearest = await prisma.$queryRaw<Array<{ name: string }>>`
        SELECT name::text AS name FROM items ORDER BY embedding <-> ${probe}::vector LIMIT 1`;
      expect(nearest).toEqual([{ name: 'Far' }]);
      // Interactive transactions hold the pool's only connection; a rollback must undo the insert.
      const rollback = prisma.$transaction(async (tx) => {
        await tx.$executeRaw`INSERT INTO items (name, embedding) VALUES ('Ghost', '[0,0,0]')`;
        throw new Error('roll back');
      });
      await expect(rollback).rejects.toThrow('roll back');
      expect(await prisma.$queryRaw`SELECT count(*)::int AS n FROM items`).toEqual([{ n: 3 }]);
    } finally {
      await prisma.$disconnect();
    }
  });

  it('stops idempotently (twice at once, then again), closing the port and releasing the lock', async () => {
    await shutdown(first);
    expect(existsSync(lockPath)).toBe(false);
    await expect(withClient(first.url, (c) => c.query('SELECT 1'))).rejects.toThrow();
  });

  it('boots a second time on the same directory, over a stale lock, and finds the data', async () => {
    writeFileSync(lockPath, `${deadPid()}\n2020-01-01T00:00:00.000Z\n`);
    const second = await boot(dataDir);
    const names = await withClient(second.url, async (client) => {
      const result = await client.query<{ name: string }>('SELECT name::text AS name FROM items ORDER BY name');
      return result.rows.map((r) => r.name);
    });
    expect(names).toEqual(['Far', 'Mid', 'Near']);
    await shutdown(second);
    expect(existsSync(lockPath)).toBe(false);
  });
});

describe('acquireDataDirLock', () => {
  const dir = mkdtempSync(join(tmpdir(), 'neonhub-lock-'));
  const lockPath = join(dir, 'pglite.lock');

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses a lock held by another live process and names the directory', async () => {
    writeFileSync(lockPath, `${process.ppid}\n`);
    await expect(acquireDataDirLock(dir)).rejects.toThrow(`${dir} is in use by process ${process.ppid}`);
    rmSync(lockPath);
  });

  it('takes over a lock left with our own pid by an earlier process, and releases once', async () => {
    writeFileSync(lockPath, `${process.pid}\n`);
    const release = await acquireDataDirLock(dir);
    await expect(acquireDataDirLock(dir)).rejects.toThrow('is in use by process');
    await Promise.all([release(), release()]);
    expect(existsSync(lockPath)).toBe(false);
    const again = await acquireDataDirLock(dir);
    await again();
  });
});
