import type { ClientBase } from 'pg';
import { quoteIdent } from '../../../src/infra/database/migrations/connection';
import { CommandRefusal } from '../cli';

/**
 * Makes `target` an empty database to restore into: created when absent; when present, replaced
 * only with --clean, and only while nobody is connected to it (restoring under a running app
 * would mix its writes into the restored state). Either way the database is new afterwards, so a
 * failed restore can drop it without losing anything that was there before.
 */
export async function prepareTarget(client: ClientBase, target: string, clean: boolean): Promise<void> {
  const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [target]);
  if (rowCount) {
    if (!clean) throw new CommandRefusal(`database ${target} exists: pass --clean to replace it, or restore into another --target`, 2);
    const { rows } = await client.query<{ sessions: number }>(
      'SELECT count(*)::int AS sessions FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
      [target],
    );
    const sessions = rows[0]!.sessions;
    if (sessions > 0) throw new CommandRefusal(`database ${target} has ${sessions} open session(s): stop the API and workers before replacing it`, 2);
    await client.query(`DROP DATABASE ${quoteIdent(target)}`);
  }
  // template0: a clean slate even when template1 was given extensions or tables by someone.
  await client.query(`CREATE DATABASE ${quoteIdent(target)} TEMPLATE template0`);
}

export async function dropDatabase(client: ClientBase, target: string): Promise<void> {
  await client.query(`DROP DATABASE IF EXISTS ${quoteIdent(target)} WITH (FORCE)`);
}
