import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { projectRoot } from '../../src/common/project-root';
import { detectDrift } from '../../src/infra/database/migrations/drift';
import { applyMigrations } from '../../src/infra/database/migrations/migrator';

/*
 * PGlite runs in a child process: its CommonJS build uses dynamic import(), which Jest's module
 * sandbox rejects, and its WASM heap stays out of the Jest worker. It sends its URL once it
 * listens and stops when told to (or when the test process goes away).
 */
const CHILD = `
const { EmbeddedPostgres } = require(process.env.EMBEDDED_PG_MODULE);
EmbeddedPostgres.start({ dataDir: process.env.EMBEDDED_PG_DATA_DIR }).then((db) => {
  const stop = () => db.stop().finally(() => process.exit(0));
  process.on('disconnect', stop);
  process.on('message', stop);
  process.send(db.url);
}, (err) => { console.error(err); process.exit(1); });
`;

function startPglite(dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  const root = projectRoot();
  const child = spawn(process.execPath, ['--import', 'tsx', '-e', CHILD], {
    cwd: root,
    env: { ...process.env, EMBEDDED_PG_MODULE: join(root, 'src/infra/database/embedded/embedded-postgres.ts'), EMBEDDED_PG_DATA_DIR: dataDir },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`PGlite process exited with ${code}`)));
    child.once('message', (url) => resolve({ child, url: String(url) }));
  });
}

/*
 * The embedded PGlite is one Postgres 17 session shared by every client: locks, transactions
 * and session settings outlive a client's connection, so the migrator is checked there too.
 */
describe(`${applyMigrations.name} on the embedded PGlite`, () => {
  let dataDir: string;
  let migrationsDir: string;
  let pglite: { child: ChildProcess; url: string };

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'neonhub-pglite-'));
    migrationsDir = mkdtempSync(join(tmpdir(), 'neonhub-migrations-'));
    pglite = await startPglite(dataDir);
  }, 120_000);

  afterAll(async () => {
    if (pglite) {
      pglite.child.removeAllListeners('exit');
      const exited = new Promise((done) => pglite.child.once('exit', done));
      pglite.child.send('stop');
      await exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(migrationsDir, { recursive: true, force: true });
  }, 30_000);

  it('should apply the repository migrations once and leave no drift', async () => {
    const first = await applyMigrations({ databaseUrl: pglite.url });
    const second = await applyMigrations({ databaseUrl: pglite.url });

    expect(first.applied).toContain('20261122080000_init');
    expect(second.applied).toEqual([]);
    expect(await detectDrift({ databaseUrl: pglite.url })).toEqual([]);
  }, 60_000);

  it('should roll back a failing migration and release the lock for the next run', async () => {
    mkdirSync(join(migrationsDir, '0001_broken'));
    writeFileSync(join(migrationsDir, '0001_broken', 'migration.sql'), 'CREATE TABLE pglite_half (id int);\nSELECT 1/0;');

    await expect(applyMigrations({ databaseUrl: pglite.url, migrationsDir })).rejects.toThrow('migration 0001_broken failed: division by zero');

    const client = new Client({ connectionString: pglite.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ half: string | null; locks: number }>(
        `SELECT to_regclass('pglite_half')::text AS half,
                (SELECT count(*)::int FROM pg_locks WHERE locktype = 'advisory') AS locks`,
      );
      expect(rows[0]).toEqual({ half: null, locks: 0 });
    } finally {
      await client.end();
    }
    writeFileSync(join(migrationsDir, '0001_broken', 'migration.sql'), 'CREATE TABLE pglite_half (id int);');
    expect((await applyMigrations({ databaseUrl: pglite.url, migrationsDir })).applied).toEqual(['0001_broken']);
  }, 60_000);
});
