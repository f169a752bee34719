import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { seedDatabase } from '../../src/infra/database/seed/seed';
import { createMigratedTestDatabase, dropDatabase, TEST_SERVER_URL, type TestDatabase } from '../support/database';
import { runDbScript } from '../support/db-script';
import { tableFingerprints, type TableFingerprint } from '../support/table-fingerprints';

async function databaseExists(name: string): Promise<boolean> {
  const client = new Client({ connectionString: TEST_SERVER_URL });
  await client.connect();
  const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]).finally(() => client.end());
  return rowCount === 1;
}

describe('db:backup and db:restore', () => {
  const admin = { DATABASE_URL_ADMIN: TEST_SERVER_URL };
  const key = randomBytes(32).toString('base64');
  let source: TestDatabase;
  let before: Record<string, TableFingerprint | string>;
  let dir: string;
  const restored: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'neonhub-backup-'));
    source = await createMigratedTestDatabase();
    await seedDatabase({ databaseUrl: source.url });
    // An update and a delete after the seed: the backup must carry the state, not the seed again.
    const client = new Client({ connectionString: source.url });
    await client.connect();
    await client.query(`UPDATE marketing_leads SET updated_at = updated_at + interval '1 second'`);
    await client.query(`DELETE FROM keywords WHERE ctid = (SELECT min(ctid) FROM keywords)`).finally(() => client.end());
    before = await tableFingerprints(source.url);
  }, 60_000);

  afterAll(async () => {
    for (const name of restored) await dropDatabase(name);
    await source.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  function nameFor(label: string): string {
    const name = `${source.name}_${label}`;
    restored.push(name);
    return name;
  }

  it('should back up, survive the loss of the database, and restore every table row for row', async () => {
    const file = join(dir, 'plain.dump');

    const backup = await runDbScript('backup', { DATABASE_URL: source.url }, ['--out', file]);
    expect(backup).toMatchObject({ code: 0, stderr: '' });
    expect(readFileSync(`${file}.sha256`, 'utf8')).toMatch(/^[0-9a-f]{64} {2}plain\.dump\n$/);
    const populated = Object.values(before).filter((t) => typeof t === 'object' && t.rows > 0);
    expect(populated.length).toBeGreaterThanOrEqual(10);

    await source.drop();
    expect(await databaseExists(source.name)).toBe(false);
    restored.push(source.name);
    const restore = await runDbScript('restore', admin, [file, '--target', source.name]);

    expect(restore).toMatchObject({ code: 0, stderr: '' });
    expect(restore.stdout).toContain(`into database ${source.name} in`);
    expect(await tableFingerprints(source.url)).toEqual(before);
  }, 120_000);

  it('should encrypt with NEONHUB_BACKUP_KEY and restore only with that key', async () => {
    const file = join(dir, 'secret.dump.enc');
    const target = nameFor('enc');

    const backup = await runDbScript('backup', { DATABASE_URL: source.url, NEONHUB_BACKUP_KEY: key }, ['--out', file]);
    expect(backup).toMatchObject({ code: 0, stderr: '' });
    expect(backup.stdout).toContain('AES-256-GCM');
    const bytes = readFileSync(file);
    expect(bytes.subarray(0, 5).toString()).not.toBe('PGDMP');
    expect(bytes.includes(Buffer.from('marketing_leads'))).toBe(false);

    const keyless = await runDbScript('restore', admin, [file, '--target', target]);
    const wrongKey = await runDbScript('restore', { ...admin, NEONHUB_BACKUP_KEY: randomBytes(32).toString('base64') }, [file, '--target', target]);
    const withKey = await runDbScript('restore', { ...admin, NEONHUB_BACKUP_KEY: key }, [file, '--target', target, '--jobs', '2']);

    expect(keyless).toMatchObject({ code: 2, stderr: `error: ${file} is encrypted: set NEONHUB_BACKUP_KEY to the key it was written with\n` });
    expect(wrongKey.code).toBe(2);
    expect(wrongKey.stderr).toContain('wrong key');
    expect(withKey).toMatchObject({ code: 0, stderr: '' });
    expect(await tableFingerprints(urlOf(target))).toEqual(before);
  }, 120_000);

  it('should refuse a tampered backup before touching the server', async () => {
    const file = join(dir, 'tampered.dump');
    const target = nameFor('tampered');
    await runDbScript('backup', { DATABASE_URL: source.url }, ['--out', file]);
    const bytes = readFileSync(file);
    bytes[Math.floor(bytes.length / 2)]! ^= 0xff;
    writeFileSync(file, bytes);

    const sut = await runDbScript('restore', admin, [file, '--target', target]);

    expect(sut.code).toBe(3);
    expect(sut.stderr).toMatch(/^error: checksum mismatch: tampered\.dump has sha256 [0-9a-f]{64} but tampered\.dump\.sha256 records [0-9a-f]{64}; the backup is damaged or was altered, refusing to restore\n$/);
    expect(await databaseExists(target)).toBe(false);
  }, 60_000);

  it('should refuse a tampered encrypted backup whose checksum file was forged to match', async () => {
    const file = join(dir, 'forged.dump.enc');
    const target = nameFor('forged');
    await runDbScript('backup', { DATABASE_URL: source.url, NEONHUB_BACKUP_KEY: key }, ['--out', file]);
    const bytes = readFileSync(file);
    bytes[Math.floor(bytes.length / 2)]! ^= 0x01;
    writeFileSync(file, bytes);
    writeFileSync(`${file}.sha256`, `${createHash('sha256').update(bytes).digest('hex')}  forged.dump.enc\n`);

    const sut = await runDbScript('restore', { ...admin, NEONHUB_BACKUP_KEY: key }, [file, '--target', target]);

    expect(sut).toMatchObject({ code: 3, stderr: 'error: the encrypted backup failed authentication: it was altered after it was written, refusing to restore\n' });
    expect(await databaseExists(target)).toBe(false);
  }, 60_000);

  it('should replace an existing database only with --clean', async () => {
    const file = join(dir, 'plain.dump');
    const target = nameFor('clean');
    await runDbScript('restore', admin, [file, '--target', target]);
    const client = new Client({ connectionString: urlOf(target) });
    await client.connect();
    await client.query('DELETE FROM marketing_leads').finally(() => client.end());
    expect(await tableFingerprints(urlOf(target))).not.toEqual(before);

    const refused = await runDbScript('restore', admin, [file, '--target', target]);
    const replaced = await runDbScript('restore', admin, [file, '--target', target, '--clean']);

    expect(refused).toMatchObject({ code: 2, stderr: `error: database ${target} exists: pass --clean to replace it, or restore into another --target\n` });
    expect(replaced).toMatchObject({ code: 0, stderr: '' });
    expect(await tableFingerprints(urlOf(target))).toEqual(before);
  }, 120_000);

  it('should refuse bad arguments with a usage message', async () => {
    const noTarget = await runDbScript('restore', admin, [join(dir, 'plain.dump')]);
    const badName = await runDbScript('restore', admin, [join(dir, 'plain.dump'), '--target', 'x"; DROP DATABASE postgres; --']);
    const unknown = await runDbScript('backup', { DATABASE_URL: source.url }, ['--outt', 'x']);

    expect(noTarget).toMatchObject({ code: 2, stderr: expect.stringContaining('--target is required') });
    expect(badName).toMatchObject({ code: 2, stderr: expect.stringContaining('must be letters, digits, _ or -') });
    expect(unknown).toMatchObject({ code: 2, stderr: expect.stringContaining("Unknown option '--outt'") });
  }, 60_000);
});

function urlOf(name: string): string {
  const url = new URL(TEST_SERVER_URL);
  url.pathname = `/${name}`;
  return url.toString();
}
