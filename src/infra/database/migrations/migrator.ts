import { join } from 'node:path';
import type { ClientBase } from 'pg';
import { projectRoot } from '../../../common/project-root';
import { withClient } from './connection';
import { MigrationError } from './migration-error';
import { type LocalMigration, readMigrationsDirectory, scriptMatchesChecksum } from './migration-files';
import {
  MIGRATION_ADVISORY_LOCK_KEY,
  MIGRATIONS_TABLE,
  type MigrationRow,
  ensureMigrationsTable,
  migrationsTableExists,
  readMigrationRows,
  recordAppliedMigration,
} from './migrations-table';

export { MigrationError } from './migration-error';

export interface MigrateOptions {
  databaseUrl: string;
  /** Defaults to <project root>/prisma/migrations. */
  migrationsDir?: string;
  log?: (message: string) => void;
}

export interface MigrateResult {
  /** Migrations applied by this call, in order. */
  applied: string[];
  /** Local migrations that were already recorded as applied. */
  alreadyApplied: string[];
}

export interface MigrationStatus {
  /** Recorded as applied (finished, not rolled back), in the order they were applied. */
  applied: string[];
  /** Local migrations not applied yet, in the order they would be applied. */
  pending: string[];
  /** Applied migrations whose migration.sql changed since. */
  modified: string[];
  /** Started but never finished nor rolled back: Prisma blocks every later migration on these. */
  failed: string[];
  /** Applied migrations with no folder in the migrations directory. */
  missingLocally: string[];
}

export function defaultMigrationsDir(): string {
  return join(projectRoot(), 'prisma', 'migrations');
}

/**
 * Applies pending migrations, each in its own transaction together with its `_prisma_migrations`
 * row, under Prisma's advisory lock so concurrent deployments run one after the other.
 * Refuses to do anything while the history shows a failed or an edited migration.
 */
export async function applyMigrations(options: MigrateOptions): Promise<MigrateResult> {
  const log = options.log ?? (() => undefined);
  const local = await readMigrationsDirectory(options.migrationsDir ?? defaultMigrationsDir());
  return withClient(options.databaseUrl, (client) =>
    withAdvisoryLock(client, log, async () => {
      await ensureMigrationsTable(client);
      const rows = await readMigrationRows(client);
      assertHistoryAllowsMigrating(local, rows);
      const recorded = new Set(rows.map((r) => r.migrationName));
      for (const name of missingLocally(local, rows)) log(`warning: migration ${name} is applied but missing from the migrations directory`);

      const applied: string[] = [];
      const alreadyApplied: string[] = [];
      for (const migration of local) {
        if (recorded.has(migration.name)) {
          alreadyApplied.push(migration.name);
          continue;
        }
        const startedAt = Date.now();
        await applyOne(client, migration);
        applied.push(migration.name);
        log(`applied migration ${migration.name} (${Date.now() - startedAt} ms)`);
      }
      return { applied, alreadyApplied };
    }),
  );
}

/** Compares the migrations directory with `_prisma_migrations` without changing anything. */
export async function migrationStatus(options: Omit<MigrateOptions, 'log'>): Promise<MigrationStatus> {
  const local = await readMigrationsDirectory(options.migrationsDir ?? defaultMigrationsDir());
  return withClient(options.databaseUrl, async (client) => {
    const rows = (await migrationsTableExists(client)) ? await readMigrationRows(client) : [];
    const finished = rows.filter((r) => r.finishedAt !== null);
    const recorded = new Set(rows.map((r) => r.migrationName));
    return {
      applied: finished.map((r) => r.migrationName),
      pending: local.filter((m) => !recorded.has(m.name)).map((m) => m.name),
      modified: modifiedMigrations(local, finished),
      failed: rows.filter((r) => r.finishedAt === null).map((r) => r.migrationName),
      missingLocally: missingLocally(local, finished),
    };
  });
}

function assertHistoryAllowsMigrating(local: LocalMigration[], rows: MigrationRow[]): void {
  const failed = rows.find((r) => r.finishedAt === null);
  if (failed) {
    throw new MigrationError(
      `migration ${failed.migrationName} started at ${failed.startedAt.toISOString()} and never finished; ` +
        `check the database by hand, then mark it rolled back (prisma migrate resolve --rolled-back ${failed.migrationName}, ` +
        `or UPDATE ${MIGRATIONS_TABLE} SET rolled_back_at = now() WHERE id = '${failed.id}') before migrating again`,
    );
  }
  const modified = modifiedMigrations(local, rows);
  if (modified.length > 0) {
    throw new MigrationError(
      `migration ${modified.join(', ')} was modified after it was applied (its migration.sql no longer matches the ` +
        `checksum in ${MIGRATIONS_TABLE}); restore the applied version and put the change in a new migration`,
    );
  }
}

function modifiedMigrations(local: LocalMigration[], rows: MigrationRow[]): string[] {
  const byName = new Map(local.map((m) => [m.name, m]));
  return rows
    .filter((r) => {
      const migration = byName.get(r.migrationName);
      return migration !== undefined && !scriptMatchesChecksum(migration.script, r.checksum);
    })
    .map((r) => r.migrationName);
}

function missingLocally(local: LocalMigration[], rows: MigrationRow[]): string[] {
  const names = new Set(local.map((m) => m.name));
  return [...new Set(rows.map((r) => r.migrationName))].filter((name) => !names.has(name));
}

/**
 * The script runs through the simple query protocol (several statements in one message) inside
 * an explicit transaction: a failure rolls back both the schema change and the bookkeeping row,
 * so the database is exactly as before and the fixed migration can simply be applied again.
 * That is why, unlike Prisma, no "failed" row is left behind.
 */
async function applyOne(client: ClientBase, migration: LocalMigration): Promise<void> {
  await client.query('BEGIN');
  try {
    await client.query(migration.script);
    await recordAppliedMigration(client, migration.name, migration.checksum);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw new MigrationError(`migration ${migration.name} failed: ${describePgError(error, migration.script)}`);
  }
}

function describePgError(error: unknown, script: string): string {
  const message = error instanceof Error ? error.message : String(error);
  const position = Number((error as { position?: string }).position);
  if (!Number.isInteger(position) || position < 1) return message;
  const line = script.slice(0, position - 1).split('\n').length;
  return `${message} (migration.sql line ${line})`;
}

async function withAdvisoryLock<T>(client: ClientBase, log: (message: string) => void, fn: () => Promise<T>): Promise<T> {
  const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1) AS locked', [MIGRATION_ADVISORY_LOCK_KEY]);
  if (!rows[0]?.locked) {
    log('another migration is running; waiting for it to finish');
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_ADVISORY_LOCK_KEY]);
  }
  try {
    return await fn();
  } finally {
    // Explicit unlock matters on the embedded PGlite: its single session outlives this client.
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_ADVISORY_LOCK_KEY]).catch(() => undefined);
  }
}
