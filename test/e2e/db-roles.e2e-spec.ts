import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { defaultMigrationsDir } from '../../src/infra/database/migrations/migrator';
import { ensureRoles } from '../../scripts/db/roles/ensure-roles';
import { requiredExtensions } from '../../scripts/db/roles/required-extensions';
import { databaseRoles } from '../../scripts/db/roles/role-names';
import { createTestApp, bearer, type TestApp } from '../support/app';
import { createMigratedTestDatabase, createTestDatabase, dropDatabase, TEST_SERVER_URL, type TestDatabase } from '../support/database';
import { dropTestRoles, runDbScript, sweepAbandonedTestRoles, testRoleSuffix, urlAs } from '../support/db-script';

const PASSWORDS: Record<string, string> = { migrate: 'migrate-Secret-91', app: 'app-Secret-92', readonly: 'read-Secret-93' };

/** The role's password rides along: a server that checks passwords (CI's) proves the SCRAM verifiers too. */
function roleUrl(user: string, database: string): string {
  const kind = /^neonhub_(migrate|app|readonly)_/.exec(user)![1]!;
  return urlAs(user, database, PASSWORDS[kind]);
}

async function connectAs(user: string, database: string): Promise<Client> {
  const client = new Client({ connectionString: roleUrl(user, database) });
  await client.connect();
  return client;
}

/** Runs `sql` and returns the SQLSTATE it failed with ('ok' when it succeeded). */
async function sqlState(client: Client, sql: string): Promise<string> {
  try {
    await client.query(sql);
    return 'ok';
  } catch (error) {
    return (error as { code?: string }).code ?? 'no code';
  }
}

const INSUFFICIENT_PRIVILEGE = '42501';

describe('db:roles', () => {
  const suffix = testRoleSuffix();
  const migrate = `neonhub_migrate${suffix}`;
  const app = `neonhub_app${suffix}`;
  const readonly = `neonhub_readonly${suffix}`;
  const passwords = { NEONHUB_MIGRATE_DB_PASSWORD: PASSWORDS.migrate!, NEONHUB_APP_DB_PASSWORD: PASSWORDS.app!, NEONHUB_READONLY_DB_PASSWORD: PASSWORDS.readonly! };
  const databases: TestDatabase[] = [];

  beforeAll(() => sweepAbandonedTestRoles());

  afterAll(async () => {
    for (const db of databases) await db.drop();
    await dropTestRoles(suffix);
  });

  describe('on a fresh database, migrated as neonhub_migrate', () => {
    let db: TestDatabase;
    let asApp: Client;
    let asReadonly: Client;

    beforeAll(async () => {
      db = await createTestDatabase();
      databases.push(db);
    });

    afterAll(async () => {
      await asApp?.end();
      await asReadonly?.end();
    });

    it('should create the roles twice over without error and never print a password', async () => {
      const env = { DATABASE_URL_ADMIN: db.url, NEONHUB_DB_ROLE_SUFFIX: suffix, ...passwords };

      const first = await runDbScript('roles', env);
      const second = await runDbScript('roles', env);

      expect(first).toMatchObject({ code: 0, stderr: '' });
      expect(first.stdout).toContain(`created role ${app}; password set from NEONHUB_APP_DB_PASSWORD`);
      expect(second).toMatchObject({ code: 0, stderr: '' });
      expect(second.stdout).toContain(`checked role ${app}; password set from NEONHUB_APP_DB_PASSWORD`);
      for (const secret of Object.values(passwords)) expect(first.stdout + second.stdout).not.toContain(secret);
      const admin = new Client({ connectionString: db.url });
      await admin.connect();
      const { rows } = await admin
        .query<{ rolname: string; verifier: string; rolsuper: boolean; rolcreatedb: boolean }>(
          "SELECT rolname, left(rolpassword, 14) AS verifier, rolsuper, rolcreatedb FROM pg_authid WHERE rolname = ANY($1) ORDER BY rolname",
          [[migrate, app, readonly]],
        )
        .finally(() => admin.end());
      expect(rows).toEqual([app, migrate, readonly].sort().map((rolname) => ({ rolname, verifier: 'SCRAM-SHA-256$', rolsuper: false, rolcreatedb: false })));
    }, 60_000);

    it('should migrate with DATABASE_URL_MIGRATE, not the app URL, and find no drift', async () => {
      const env = { DATABASE_URL_MIGRATE: roleUrl(migrate, db.name), DATABASE_URL: roleUrl(app, db.name) };

      const migrated = await runDbScript('migrate', env);
      const status = await runDbScript('status', env);
      const drift = await runDbScript('drift', env);

      expect(migrated).toMatchObject({ code: 0, stderr: '' });
      expect(migrated.stdout).toContain('applied migration 20261122080000_init');
      expect(status).toMatchObject({ code: 0, stdout: expect.stringContaining('database is up to date') });
      expect(drift).toMatchObject({ code: 0, stdout: 'no drift: the database matches prisma/schema.prisma\n' });
      asApp = await connectAs(app, db.name);
      asReadonly = await connectAs(readonly, db.name);
      const owners = await asReadonly.query<{ owner: string }>(
        "SELECT DISTINCT pg_get_userbyid(relowner) AS owner FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind IN ('r', 'S')",
      );
      expect(owners.rows).toEqual([{ owner: migrate }]);
    }, 60_000);

    it('should run again on the migrated database changing no owner, and refuse a URL that is not an administrator\'s or names another schema', async () => {
      const again = await runDbScript('roles', { DATABASE_URL_ADMIN: db.url, NEONHUB_DB_ROLE_SUFFIX: suffix });
      const asOwner = await runDbScript('roles', { DATABASE_URL_MIGRATE: roleUrl(migrate, db.name), NEONHUB_DB_ROLE_SUFFIX: suffix });
      const otherSchema = await runDbScript('roles', { DATABASE_URL_ADMIN: `${db.url}?schema=tenant_x`, NEONHUB_DB_ROLE_SUFFIX: suffix });

      expect(again).toMatchObject({ code: 0, stderr: '' });
      expect(again.stdout).not.toContain('handed');
      expect(asOwner).toEqual({
        code: 2,
        stdout: '',
        stderr: `error: ${migrate} can neither create roles nor grant them: db:roles needs an administrator's URL (DATABASE_URL_ADMIN)\n`,
      });
      expect(otherSchema).toEqual({ code: 2, stdout: '', stderr: 'error: db:roles manages schema public only; the URL names schema tenant_x\n' });
    }, 60_000);

    it('should refuse neonhub_app every schema change and TRUNCATE', async () => {
      const statements = [
        'CREATE TABLE intruder (id int)',
        'ALTER TABLE organizations ADD COLUMN intruder int',
        'DROP TABLE audit_logs',
        'TRUNCATE audit_logs',
        'CREATE INDEX intruder ON organizations (name)',
        "CREATE FUNCTION intruder() RETURNS int LANGUAGE sql AS 'SELECT 1'",
        'CREATE SCHEMA intruder',
        'CREATE TEMP TABLE intruder (id int)',
        'CREATE SEQUENCE intruder',
        'CREATE VIEW intruder AS SELECT 1 AS one',
        'ALTER TABLE organizations ENABLE ROW LEVEL SECURITY',
        'DROP INDEX organizations_slug_key',
        "INSERT INTO _prisma_migrations (id, checksum, migration_name) VALUES ('x', 'x', 'x')",
        'DELETE FROM _prisma_migrations',
      ];

      const states = await Promise.all(statements.map(async (sql) => [sql, await sqlState(asApp, sql)]));

      expect(Object.fromEntries(states)).toEqual(Object.fromEntries(statements.map((sql) => [sql, INSUFFICIENT_PRIVILEGE])));
    });

    it('should let neonhub_app read and write rows', async () => {
      const inserted = await asApp.query<{ id: string }>(
        "INSERT INTO organizations (id, name, slug, updated_at) VALUES (gen_random_uuid(), 'Roles Co', 'roles-co', now()) RETURNING id",
      );
      const id = inserted.rows[0]!.id;

      await asApp.query("UPDATE organizations SET name = 'Roles Co 2' WHERE id = $1", [id]);
      const read = await asApp.query('SELECT name FROM organizations WHERE id = $1', [id]);
      const deleted = await asApp.query('DELETE FROM organizations WHERE id = $1', [id]);

      expect(read.rows).toEqual([{ name: 'Roles Co 2' }]);
      expect(deleted.rowCount).toBe(1);
    });

    it('should let neonhub_readonly read and refuse it every write', async () => {
      const states = await Promise.all(
        [
          "INSERT INTO organizations (id, name, slug, updated_at) VALUES (gen_random_uuid(), 'x', 'x', now())",
          "UPDATE organizations SET name = 'x'",
          'DELETE FROM organizations',
          'CREATE TABLE intruder (id int)',
        ].map((sql) => sqlState(asReadonly, sql)),
      );

      expect(await sqlState(asReadonly, 'SELECT count(*) FROM agent_runs')).toBe('ok');
      expect(states).toEqual([INSUFFICIENT_PRIVILEGE, INSUFFICIENT_PRIVILEGE, INSUFFICIENT_PRIVILEGE, INSUFFICIENT_PRIVILEGE]);
    });

    it('should back up as neonhub_readonly and restore a copy neonhub_app can use once --with-roles applied the roles', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'neonhub-roles-backup-'));
      const copy = `${db.name}_copy`;
      try {
        const backup = await runDbScript('backup', { DATABASE_URL_BACKUP: roleUrl(readonly, db.name), DATABASE_URL: roleUrl(app, db.name) }, ['--out', join(dir, 'b.dump')]);
        const restore = await runDbScript('restore', { DATABASE_URL_ADMIN: TEST_SERVER_URL, NEONHUB_DB_ROLE_SUFFIX: suffix, ...passwords }, [join(dir, 'b.dump'), '--target', copy, '--with-roles']);

        expect(backup).toMatchObject({ code: 0, stderr: '' });
        expect(restore).toMatchObject({ code: 0, stderr: '' });
        const appOnCopy = await connectAs(app, copy);
        const states = [await sqlState(appOnCopy, 'SELECT count(*) FROM organizations'), await sqlState(appOnCopy, 'CREATE TABLE intruder (id int)')];
        await appOnCopy.end();
        expect(states).toEqual(['ok', INSUFFICIENT_PRIVILEGE]);
      } finally {
        await dropDatabase(copy);
        rmSync(dir, { recursive: true, force: true });
      }
    }, 60_000);

    it('should grant a table a later migration creates without a grant of its own', async () => {
      const owner = await connectAs(migrate, db.name);
      await owner.query('CREATE TABLE later_feature (id bigserial PRIMARY KEY, note text)').finally(() => owner.end());

      const write = await sqlState(asApp, "INSERT INTO later_feature (note) VALUES ('x')");
      const read = await asReadonly.query('SELECT note FROM later_feature');

      expect(write).toBe('ok');
      expect(read.rows).toEqual([{ note: 'x' }]);
      expect(await sqlState(asApp, 'TRUNCATE later_feature')).toBe(INSUFFICIENT_PRIVILEGE);
    });
  });

  describe('on a database migrated earlier by the administrator', () => {
    let db: TestDatabase;
    let sut: TestApp | undefined;

    beforeAll(async () => {
      db = await createMigratedTestDatabase();
      databases.push(db);
    });

    afterAll(() => sut?.close());

    it('should hand every table to neonhub_migrate', async () => {
      // In process this time (the script's frame is proven above): the same function db:roles runs.
      const log: string[] = [];
      const admin = new Client({ connectionString: db.url });
      await admin.connect();
      await ensureRoles(admin, { roles: databaseRoles({ NEONHUB_DB_ROLE_SUFFIX: suffix, ...passwords }), extensions: requiredExtensions(defaultMigrationsDir()), log: (m) => log.push(m) }).finally(() =>
        admin.end(),
      );

      expect(log).toContainEqual(expect.stringMatching(/^handed \d+ object\(s\) in schema public over to neonhub_migrate_/));
      const asMigrate = await connectAs(migrate, db.name);
      const altered = await sqlState(asMigrate, 'ALTER TABLE organizations ADD COLUMN handed_over int; ALTER TABLE organizations DROP COLUMN handed_over');
      await asMigrate.end();
      expect(altered).toBe('ok');
    }, 60_000);

    it('should seed, boot and answer an authenticated request connected as neonhub_app', async () => {
      const appDatabase: TestDatabase = { name: `${db.name}_as_app`, url: roleUrl(app, db.name), drop: async () => undefined };

      sut = await createTestApp({}, appDatabase);
      const me = await sut.http.get('/v1/me').set(bearer(sut.apiKey)).expect(200);
      const ready = await sut.http.get('/health/ready').expect(200);

      expect(me.body).toMatchObject({ organization: { id: sut.organizationId } });
      expect(ready.body.details.postgres).toMatchObject({ status: 'up' });
      const asApp = await connectAs(app, db.name);
      const currentUser = await asApp.query<{ u: string }>('SELECT current_user AS u').finally(() => asApp.end());
      expect(currentUser.rows).toEqual([{ u: app }]);
    }, 60_000);
  });
});
