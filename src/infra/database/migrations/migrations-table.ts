import { randomUUID } from 'node:crypto';
import type { ClientBase } from 'pg';

/**
 * Prisma Migrate's bookkeeping table, kept byte-for-byte compatible so `prisma migrate deploy`
 * and `prisma migrate status` can take over wherever the schema engine is available.
 * The DDL is the one in prisma-engines (sql-schema-connector, Postgres flavour).
 */
export const MIGRATIONS_TABLE = '_prisma_migrations';

const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS ${MIGRATIONS_TABLE} (
    id                      VARCHAR(36) PRIMARY KEY NOT NULL,
    checksum                VARCHAR(64) NOT NULL,
    finished_at             TIMESTAMPTZ,
    migration_name          VARCHAR(255) NOT NULL,
    logs                    TEXT,
    rolled_back_at          TIMESTAMPTZ,
    started_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
    applied_steps_count     INTEGER NOT NULL DEFAULT 0
)`;

/** The lock key Prisma Migrate takes, so this migrator and Prisma's exclude each other too. */
export const MIGRATION_ADVISORY_LOCK_KEY = 72707369;

export interface MigrationRow {
  id: string;
  migrationName: string;
  checksum: string;
  startedAt: Date;
  finishedAt: Date | null;
  rolledBackAt: Date | null;
  logs: string | null;
}

export async function ensureMigrationsTable(client: ClientBase): Promise<void> {
  await client.query(CREATE_TABLE);
}

export async function migrationsTableExists(client: ClientBase): Promise<boolean> {
  const { rows } = await client.query<{ exists: boolean }>(`SELECT to_regclass($1) IS NOT NULL AS "exists"`, [MIGRATIONS_TABLE]);
  return rows[0]?.exists === true;
}

/** Rows Prisma still considers (rolled-back attempts are kept only as an audit trail), oldest first. */
export async function readMigrationRows(client: ClientBase): Promise<MigrationRow[]> {
  const { rows } = await client.query<{
    id: string;
    migration_name: string;
    checksum: string;
    started_at: Date;
    finished_at: Date | null;
    rolled_back_at: Date | null;
    logs: string | null;
  }>(
    `SELECT id, migration_name, checksum, started_at, finished_at, rolled_back_at, logs
       FROM ${MIGRATIONS_TABLE}
      WHERE rolled_back_at IS NULL
      ORDER BY started_at, migration_name`,
  );
  return rows.map((r) => ({
    id: r.id,
    migrationName: r.migration_name,
    checksum: r.checksum,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    rolledBackAt: r.rolled_back_at,
    logs: r.logs,
  }));
}

/**
 * Records a migration as applied. Called inside the migration's own transaction, so the row and
 * the schema change commit together: started_at is the transaction start, finished_at the moment
 * the script completed, and the script counts as one step, as Prisma counts a migration file.
 */
export async function recordAppliedMigration(client: ClientBase, name: string, checksum: string): Promise<void> {
  await client.query(
    `INSERT INTO ${MIGRATIONS_TABLE}
       (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count)
     VALUES ($1, $2, clock_timestamp(), $3, NULL, NULL, now(), 1)`,
    [randomUUID(), checksum, name],
  );
}
