import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { Client } from 'pg';
import { detectDrift } from '../../src/infra/database/migrations/drift';
import { readMigrationsDirectory } from '../../src/infra/database/migrations/migration-files';
import { applyMigrations, defaultMigrationsDir, migrationStatus } from '../../src/infra/database/migrations/migrator';
import { createTestDatabase, type TestDatabase } from '../support/database';

async function query<T extends object>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

async function tableExists(url: string, table: string): Promise<boolean> {
  const [row] = await query<{ exists: boolean }>(url, 'SELECT to_regclass($1) IS NOT NULL AS "exists"', [table]);
  return row.exists;
}

/** A throwaway migrations directory under the OS temp dir. */
function migrationsDir(migrations: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'neonhub-migrations-'));
  for (const [name, script] of Object.entries(migrations)) {
    mkdirSync(join(dir, name));
    writeFileSync(join(dir, name, 'migration.sql'), script);
  }
  return dir;
}

describe(applyMigrations.name, () => {
  const databases: TestDatabase[] = [];
  const dirs: string[] = [];
  const repoMigrations = readMigrationsDirectory(defaultMigrationsDir());

  async function emptyDatabase(): Promise<TestDatabase> {
    const db = await createTestDatabase();
    databases.push(db);
    return db;
  }

  function tempMigrations(migrations: Record<string, string>): string {
    const dir = migrationsDir(migrations);
    dirs.push(dir);
    return dir;
  }

  afterAll(async () => {
    await Promise.all(databases.map((db) => db.drop()));
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('should apply every migration to an empty database and leave no drift from schema.prisma', async () => {
    const db = await emptyDatabase();
    const names = (await repoMigrations).map((m) => m.name);

    const sut = await applyMigrations({ databaseUrl: db.url });

    expect(sut).toEqual({ applied: names, alreadyApplied: [] });
    expect(await detectDrift({ databaseUrl: db.url })).toEqual([]);
  });

  it('should do nothing on a second run', async () => {
    const db = await emptyDatabase();
    await applyMigrations({ databaseUrl: db.url });
    const log: string[] = [];

    const sut = await applyMigrations({ databaseUrl: db.url, log: (m) => log.push(m) });

    expect(sut).toEqual({ applied: [], alreadyApplied: (await repoMigrations).map((m) => m.name) });
    expect(log).toEqual([]);
  });

  it('should keep the _prisma_migrations bookkeeping exactly as Prisma does', async () => {
    const db = await emptyDatabase();
    await applyMigrations({ databaseUrl: db.url });

    const rows = await query<Record<string, unknown>>(db.url, 'SELECT * FROM _prisma_migrations ORDER BY migration_name');
    const columns = await query(
      db.url,
      `SELECT column_name, data_type, character_maximum_length, is_nullable, column_default
         FROM information_schema.columns WHERE table_name = '_prisma_migrations' ORDER BY ordinal_position`,
    );

    const expected = (await repoMigrations).map((m) => ({
      migration_name: m.name,
      checksum: createHash('sha256').update(readFileSync(join(defaultMigrationsDir(), m.name, 'migration.sql'))).digest('hex'),
      applied_steps_count: 1,
      rolled_back_at: null,
      logs: null,
    }));
    expect(rows).toEqual(expected.map((e) => expect.objectContaining(e)));
    for (const row of rows) {
      expect(row.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(row.finished_at).toBeInstanceOf(Date);
      expect((row.finished_at as Date).getTime()).toBeGreaterThanOrEqual((row.started_at as Date).getTime());
    }
    expect(columns).toEqual([
      { column_name: 'id', data_type: 'character varying', character_maximum_length: 36, is_nullable: 'NO', column_default: null },
      { column_name: 'checksum', data_type: 'character varying', character_maximum_length: 64, is_nullable: 'NO', column_default: null },
      { column_name: 'finished_at', data_type: 'timestamp with time zone', character_maximum_length: null, is_nullable: 'YES', column_default: null },
      { column_name: 'migration_name', data_type: 'character varying', character_maximum_length: 255, is_nullable: 'NO', column_default: null },
      { column_name: 'logs', data_type: 'text', character_maximum_length: null, is_nullable: 'YES', column_default: null },
      { column_name: 'rolled_back_at', data_type: 'timestamp with time zone', character_maximum_length: null, is_nullable: 'YES', column_default: null },
      { column_name: 'started_at', data_type: 'timestamp with time zone', character_maximum_length: null, is_nullable: 'NO', column_default: 'now()' },
      { column_name: 'applied_steps_count', data_type: 'integer', character_maximum_length: null, is_nullable: 'NO', column_default: '0' },
    ]);
  });

  it('should apply each migration once when two processes migrate at the same time', async () => {
    const db = await emptyDatabase();
    const names = (await repoMigrations).map((m) => m.name);

    const [first, second] = await Promise.all([applyMigrations({ databaseUrl: db.url }), applyMigrations({ databaseUrl: db.url })]);

    expect([...first.applied, ...second.applied].sort()).toEqual(names);
    expect([...first.alreadyApplied, ...second.alreadyApplied].sort()).toEqual(names);
    const rows = await query<{ migration_name: string }>(db.url, 'SELECT migration_name FROM _prisma_migrations');
    expect(rows.map((r) => r.migration_name).sort()).toEqual(names);
  });

  it('should roll back a failing migration entirely and name it in the error', async () => {
    const db = await emptyDatabase();
    const dir = tempMigrations({
      '0001_ok': 'CREATE TABLE first_table (id int PRIMARY KEY);',
      '0002_broken': 'CREATE TABLE half_done (id int PRIMARY KEY);\nINSERT INTO no_such_table VALUES (1);',
      '0003_never': 'CREATE TABLE never_reached (id int);',
    });

    await expect(applyMigrations({ databaseUrl: db.url, migrationsDir: dir })).rejects.toThrow(
      /^migration 0002_broken failed: relation "no_such_table" does not exist \(migration.sql line 2\)$/,
    );

    expect(await tableExists(db.url, 'first_table')).toBe(true);
    expect(await tableExists(db.url, 'half_done')).toBe(false);
    expect(await tableExists(db.url, 'never_reached')).toBe(false);
    const rows = await query<{ migration_name: string }>(db.url, 'SELECT migration_name FROM _prisma_migrations');
    expect(rows.map((r) => r.migration_name)).toEqual(['0001_ok']);
  });

  it('should apply the fixed migration on the next run', async () => {
    const db = await emptyDatabase();
    const dir = tempMigrations({ '0001_broken': 'CREATE TABLE t (id int); SELECT 1/0;' });
    await expect(applyMigrations({ databaseUrl: db.url, migrationsDir: dir })).rejects.toThrow('migration 0001_broken failed: division by zero');
    writeFileSync(join(dir, '0001_broken', 'migration.sql'), 'CREATE TABLE t (id int);');

    const sut = await applyMigrations({ databaseUrl: db.url, migrationsDir: dir });

    expect(sut.applied).toEqual(['0001_broken']);
  });

  it('should refuse to run when an applied migration was edited', async () => {
    const db = await emptyDatabase();
    const dir = tempMigrations({ '0001_init': 'CREATE TABLE t (id int);', '0002_next': 'CREATE TABLE u (id int);' });
    await applyMigrations({ databaseUrl: db.url, migrationsDir: dir });
    writeFileSync(join(dir, '0001_init', 'migration.sql'), 'CREATE TABLE t (id bigint);');
    mkdirSync(join(dir, '0003_pending'));
    writeFileSync(join(dir, '0003_pending', 'migration.sql'), 'CREATE TABLE v (id int);');

    await expect(applyMigrations({ databaseUrl: db.url, migrationsDir: dir })).rejects.toThrow(
      /^migration 0001_init was modified after it was applied/,
    );
    expect(await tableExists(db.url, 'v')).toBe(false);
  });

  it('should refuse to run while a failed migration is recorded', async () => {
    const db = await emptyDatabase();
    const dir = tempMigrations({ '0001_init': 'CREATE TABLE t (id int);', '0002_next': 'CREATE TABLE u (id int);' });
    await applyMigrations({ databaseUrl: db.url, migrationsDir: dir });
    await query(db.url, `INSERT INTO _prisma_migrations (id, checksum, migration_name) VALUES ('x', 'y', '0002_next')`);
    await query(db.url, `DELETE FROM _prisma_migrations WHERE migration_name = '0002_next' AND id <> 'x'`);

    await expect(applyMigrations({ databaseUrl: db.url, migrationsDir: dir })).rejects.toThrow(/^migration 0002_next started at .* and never finished/);
  });
});

describe(migrationStatus.name, () => {
  let db: TestDatabase;
  let dir: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    dir = migrationsDir({ '0001_a': 'CREATE TABLE a (id int);', '0002_b': 'CREATE TABLE b (id int);' });
  });

  afterAll(async () => {
    await db.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('should list applied, pending, modified and unknown migrations', async () => {
    expect(await migrationStatus({ databaseUrl: db.url, migrationsDir: dir })).toEqual({
      applied: [],
      pending: ['0001_a', '0002_b'],
      modified: [],
      failed: [],
      missingLocally: [],
    });
    await applyMigrations({ databaseUrl: db.url, migrationsDir: dir });
    writeFileSync(join(dir, '0001_a', 'migration.sql'), 'CREATE TABLE a (id bigint);');
    rmSync(join(dir, '0002_b'), { recursive: true });
    mkdirSync(join(dir, '0003_c'));
    writeFileSync(join(dir, '0003_c', 'migration.sql'), 'CREATE TABLE c (id int);');

    const sut = await migrationStatus({ databaseUrl: db.url, migrationsDir: dir });

    expect(sut).toEqual({ applied: ['0001_a', '0002_b'], pending: ['0003_c'], modified: ['0001_a'], failed: [], missingLocally: ['0002_b'] });
  });
});
