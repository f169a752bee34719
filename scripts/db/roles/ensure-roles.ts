import type { ClientBase } from 'pg';
import { MIGRATIONS_TABLE, ensureMigrationsTable } from '../../../src/infra/database/migrations/migrations-table';
import { CommandRefusal } from '../cli';
import { type DatabaseRole, type DatabaseRoles, ident } from './role-names';
import { scramVerifier } from './scram';

export interface EnsureRolesOptions {
  roles: DatabaseRoles;
  extensions: string[];
  log: (message: string) => void;
}

const SCHEMA = 'public';

/**
 * Creates or corrects the three roles and their privileges on the connected database, in one
 * transaction (a failure leaves nothing half-granted). Safe to run again: every step either
 * checks first or is a GRANT/REVOKE that means the same thing twice. The connection must be an
 * administrator's (superuser, or CREATEROLE and owner of the database).
 */
export async function ensureRoles(client: ClientBase, options: EnsureRolesOptions): Promise<void> {
  const { roles, log } = options;
  const admin = await adminIdentity(client);
  await client.query('BEGIN');
  try {
    for (const role of Object.values(roles)) await ensureLoginRole(client, role, admin.superuser, log);
    await separateRoles(client, roles);
    // ALTER ... OWNER TO needs the administrator to be able to act as the new owner.
    if (!admin.superuser) await client.query(`GRANT ${ident(roles.migrate.name)} TO ${ident(admin.user)}`);
    for (const extension of options.extensions) {
      await client.query(`CREATE EXTENSION IF NOT EXISTS ${ident(extension)} SCHEMA ${SCHEMA}`);
    }
    await grantDatabase(client, roles);
    await handOverSchema(client, roles, log);
    await grantData(client, roles);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
  log(`roles ready on database ${admin.database}: ${roles.migrate.name} (owner), ${roles.app.name} (data), ${roles.readonly.name} (read)`);
}

async function adminIdentity(client: ClientBase): Promise<{ user: string; database: string; superuser: boolean }> {
  const { rows } = await client.query<{ user: string; database: string; superuser: boolean; createrole: boolean }>(
    `SELECT current_user AS "user", current_database() AS database, rolsuper AS superuser, rolcreaterole AS createrole
       FROM pg_roles WHERE rolname = current_user`,
  );
  const admin = rows[0]!;
  if (!admin.superuser && !admin.createrole) {
    throw new CommandRefusal(`${admin.user} can neither create roles nor grant them: db:roles needs an administrator's URL (DATABASE_URL_ADMIN)`, 2);
  }
  return admin;
}

/**
 * LOGIN and nothing else: no superuser, no CREATEDB/CREATEROLE, no replication. An existing role is
 * put back to exactly that, so a role someone widened by hand is narrowed again.
 */
async function ensureLoginRole(client: ClientBase, role: DatabaseRole, superuser: boolean, log: (message: string) => void): Promise<void> {
  // Only a superuser may touch BYPASSRLS, even to clear it.
  const attributes = `LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION${superuser ? ' NOBYPASSRLS' : ''} INHERIT`;
  const created = await createUnlessExists(client, role.name, attributes);
  if (!created) await client.query(`ALTER ROLE ${ident(role.name)} WITH ${attributes}`);
  if (role.password) {
    await client.query(`ALTER ROLE ${ident(role.name)} PASSWORD '${scramVerifier(role.password)}'`);
    log(`${created ? 'created' : 'checked'} role ${role.name}; password set from ${role.passwordVariable}`);
  } else {
    log(`${created ? 'created' : 'checked'} role ${role.name}; ${role.passwordVariable} unset, password left unchanged`);
  }
}

/** Roles are cluster-wide: another db:roles on another database may create the same one at once. */
async function createUnlessExists(client: ClientBase, name: string, attributes: string): Promise<boolean> {
  const { rowCount } = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [name]);
  if (rowCount) return false;
  await client.query('SAVEPOINT create_role');
  try {
    await client.query(`CREATE ROLE ${ident(name)} WITH ${attributes}`);
    await client.query('RELEASE SAVEPOINT create_role');
    return true;
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code !== '42710' && code !== '23505') throw error;
    await client.query('ROLLBACK TO SAVEPOINT create_role');
    return false;
  }
}

/** Membership would let neonhub_app act as the owner (SET ROLE), undoing the separation. */
async function separateRoles(client: ClientBase, roles: DatabaseRoles): Promise<void> {
  const names = Object.values(roles).map((r) => r.name);
  const { rows } = await client.query<{ role: string; member: string }>(
    `SELECT r.rolname AS role, m.rolname AS member
       FROM pg_auth_members a JOIN pg_roles r ON r.oid = a.roleid JOIN pg_roles m ON m.oid = a.member
      WHERE r.rolname = ANY($1) AND m.rolname = ANY($1)`,
    [names],
  );
  for (const { role, member } of rows) await client.query(`REVOKE ${ident(role)} FROM ${ident(member)}`);
}

async function grantDatabase(client: ClientBase, roles: DatabaseRoles): Promise<void> {
  const { rows } = await client.query<{ database: string }>('SELECT current_database() AS database');
  const database = ident(rows[0]!.database);
  const all = Object.values(roles).map((r) => ident(r.name)).join(', ');
  await client.query(`GRANT CONNECT ON DATABASE ${database} TO ${all}`);
  // PUBLIC may create temporary tables by default: scratch DDL the app has no use for.
  await client.query(`REVOKE TEMPORARY ON DATABASE ${database} FROM PUBLIC`);
  // Before PostgreSQL 15 every role could create objects in public; 15 already revokes it.
  await client.query(`REVOKE CREATE ON SCHEMA ${SCHEMA} FROM PUBLIC`);
}

/**
 * neonhub_migrate owns the schema and everything in it that is not an extension's: the tables of
 * a database migrated earlier by another user (the administrator, say) are handed over, so later
 * migrations can alter them. The migrations table is created here, by the owner, so it exists
 * to be kept out of neonhub_app's reach below.
 */
async function handOverSchema(client: ClientBase, roles: DatabaseRoles, log: (message: string) => void): Promise<void> {
  const owner = ident(roles.migrate.name);
  await client.query(`ALTER SCHEMA ${SCHEMA} OWNER TO ${owner}`);
  await client.query(`SET LOCAL ROLE ${owner}`);
  await ensureMigrationsTable(client);
  await client.query('RESET ROLE');
  const objects = await foreignOwnedObjects(client, roles.migrate.name);
  for (const object of objects) await client.query(`ALTER ${object.kind} ${object.name} OWNER TO ${owner}`);
  if (objects.length > 0) log(`handed ${objects.length} object(s) in schema ${SCHEMA} over to ${roles.migrate.name}`);
}

interface OwnedObject {
  kind: string;
  name: string;
}

/**
 * Objects of the schema not owned by neonhub_migrate, leaving out those of extensions (theirs to
 * own) and those that follow their table (indexes, a serial column's sequence, a table's row type).
 */
async function foreignOwnedObjects(client: ClientBase, owner: string): Promise<OwnedObject[]> {
  const { rows } = await client.query<OwnedObject>(
    `WITH ext AS (SELECT classid, objid FROM pg_depend WHERE deptype = 'e')
     SELECT CASE c.relkind WHEN 'S' THEN 'SEQUENCE' WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW'
                           WHEN 'f' THEN 'FOREIGN TABLE' ELSE 'TABLE' END AS kind,
            format('%I.%I', n.nspname, c.relname) AS name
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = $1 AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S')
        AND pg_get_userbyid(c.relowner) <> $2
        AND NOT EXISTS (SELECT 1 FROM ext WHERE ext.classid = 'pg_class'::regclass AND ext.objid = c.oid)
        AND NOT (c.relkind = 'S' AND EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass
                                              AND d.objid = c.oid AND d.deptype IN ('a', 'i')))
     UNION ALL
     SELECT CASE t.typtype WHEN 'd' THEN 'DOMAIN' ELSE 'TYPE' END, format('%I.%I', n.nspname, t.typname)
       FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
      WHERE n.nspname = $1 AND t.typtype IN ('e', 'd', 'r', 'c')
        AND (t.typrelid = 0 OR (SELECT relkind FROM pg_class WHERE oid = t.typrelid) = 'c')
        AND pg_get_userbyid(t.typowner) <> $2
        AND NOT EXISTS (SELECT 1 FROM ext WHERE ext.classid = 'pg_type'::regclass AND ext.objid = t.oid)
        AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_type'::regclass AND d.objid = t.oid AND d.deptype = 'i')
     UNION ALL
     SELECT CASE p.prokind WHEN 'p' THEN 'PROCEDURE' WHEN 'a' THEN 'AGGREGATE' ELSE 'FUNCTION' END,
            format('%I.%I(%s)', n.nspname, p.proname, pg_get_function_identity_arguments(p.oid))
       FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
      WHERE n.nspname = $1 AND pg_get_userbyid(p.proowner) <> $2
        AND NOT EXISTS (SELECT 1 FROM ext WHERE ext.classid = 'pg_proc'::regclass AND ext.objid = p.oid)`,
    [SCHEMA, owner],
  );
  return rows;
}

/**
 * neonhub_app: rows only (SELECT, INSERT, UPDATE, DELETE; sequences for defaults), never
 * TRUNCATE, REFERENCES or TRIGGER, and only reads the migration history. neonhub_readonly: SELECT.
 * The default privileges give the same to every table neonhub_migrate creates later, so a new
 * migration needs no grant of its own.
 */
async function grantData(client: ClientBase, roles: DatabaseRoles): Promise<void> {
  const app = ident(roles.app.name);
  const readonly = ident(roles.readonly.name);
  const owner = ident(roles.migrate.name);
  await client.query(`GRANT USAGE ON SCHEMA ${SCHEMA} TO ${app}, ${readonly}`);
  await client.query(`REVOKE ALL ON ALL TABLES IN SCHEMA ${SCHEMA} FROM ${app}, ${readonly}`);
  await client.query(`REVOKE ALL ON ALL SEQUENCES IN SCHEMA ${SCHEMA} FROM ${app}, ${readonly}`);
  await client.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${SCHEMA} TO ${app}`);
  await client.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA ${SCHEMA} TO ${app}`);
  await client.query(`GRANT SELECT ON ALL TABLES IN SCHEMA ${SCHEMA} TO ${readonly}`);
  await client.query(`GRANT SELECT ON ALL SEQUENCES IN SCHEMA ${SCHEMA} TO ${readonly}`);
  await client.query(`REVOKE INSERT, UPDATE, DELETE ON ${SCHEMA}.${MIGRATIONS_TABLE} FROM ${app}`);
  const defaults = `ALTER DEFAULT PRIVILEGES FOR ROLE ${owner} IN SCHEMA ${SCHEMA}`;
  await client.query(`${defaults} GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${app}`);
  await client.query(`${defaults} GRANT USAGE, SELECT ON SEQUENCES TO ${app}`);
  await client.query(`${defaults} GRANT SELECT ON TABLES TO ${readonly}`);
  await client.query(`${defaults} GRANT SELECT ON SEQUENCES TO ${readonly}`);
}
