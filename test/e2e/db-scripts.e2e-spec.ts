import { readdirSync } from 'node:fs';
import { seedDatabase } from '../../src/infra/database/seed/seed';
import { join } from 'node:path';
import { Client } from 'pg';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { runDbScript, type ScriptRun } from '../support/db-script';

/** Runs scripts/db/<name>.ts the way `npm run db:<name>` does, with DATABASE_URL as given (and no other database variable). */
function runScript(name: 'migrate' | 'status' | 'drift' | 'smoke', databaseUrl: string | undefined): Promise<ScriptRun> {
  return runDbScript(name, { DATABASE_URL: databaseUrl });
}

describe('db scripts', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase();
  });

  afterAll(async () => {
    await db.drop();
  });

  it('should migrate, report status and drift, and break on drift', async () => {
    const pending = await runScript('status', db.url);
    expect(pending).toMatchObject({ code: 1, stdout: expect.stringContaining('pending:\n  20261122080000_init') });

    const first = await runScript('migrate', db.url);
    expect(first).toMatchObject({ code: 0, stderr: '' });
    const folders = readdirSync(join(__dirname, '..', '..', 'prisma', 'migrations'), { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();
    expect(first.stdout.split('\n').filter(Boolean).map((line) => line.replace(/ \(\d+ ms\)$/, ''))).toEqual(folders.map((name) => `applied migration ${name}`));

    const second = await runScript('migrate', db.url);
    expect(second).toEqual({ code: 0, stdout: 'database is up to date\n', stderr: '' });

    const status = await runScript('status', db.url);
    expect(status).toMatchObject({ code: 0, stdout: expect.stringContaining('database is up to date') });

    const clean = await runScript('drift', db.url);
    expect(clean).toMatchObject({ code: 0, stdout: 'no drift: the database matches prisma/schema.prisma\n' });

    // The seed's marketing fixtures, counted per model by db:smoke (the seed reports' db-smoke).
    await seedDatabase({ databaseUrl: db.url });
    const smoke = await runScript('smoke', db.url);
    expect(smoke.code).toBe(0);
    expect(smoke.stdout).toMatch(/^ {2}Campaign +1$/m);
    expect(smoke.stdout).toMatch(/^ {2}Keyword +6$/m);
    expect(smoke.stdout).toMatch(/^ {2}EditorialEntry +4$/m);
    expect(smoke.stdout).toMatch(/^ {2}Persona +3$/m);
    expect(smoke.stdout).toMatch(/^ {2}MarketingLead +3$/m);
    expect(smoke.stdout).toMatch(/^ {2}Message +0$/m);
    expect(smoke.stdout).toContain('0 unreadable');

    const client = new Client({ connectionString: db.url });
    await client.connect();
    await client.query('ALTER TABLE agent_runs ALTER COLUMN intent TYPE varchar(255)').finally(() => client.end());
    const drifted = await runScript('drift', db.url);
    expect(drifted.code).toBe(1);
    expect(drifted.stdout).toContain('  column agent_runs.intent: expected type text, found varchar(255)\n');
  }, 60_000);

  it('should fail with one line when no database URL is set', async () => {
    const sut = await runScript('migrate', undefined);

    expect(sut).toEqual({ code: 1, stdout: '', stderr: 'error: none of DATABASE_URL_MIGRATE, DATABASE_URL is set\n' });
  }, 30_000);

  it('should fail with one line, no stack trace, when the database cannot be reached', async () => {
    const url = new URL(db.url);
    url.pathname = '/neonhub_no_such_database';

    const sut = await runScript('migrate', url.toString());

    expect(sut.code).toBe(1);
    expect(sut.stdout).toBe('');
    expect(sut.stderr).toBe('error: database "neonhub_no_such_database" does not exist\n');
  }, 30_000);
});
