import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/** The server tests create their databases on; each test run works only in databases it made. */
export const TEST_SERVER_URL = process.env.TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

export function databaseUrl(name: string): string {
  const url = new URL(TEST_SERVER_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

async function onServer<T>(fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: TEST_SERVER_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Creates an empty database (or a copy of `template`) with a unique name, dropped by `drop()`. */
export async function createTestDatabase(prefix = 'neonhub_test', template?: string): Promise<TestDatabase> {
  const name = `${prefix}_${process.pid}_${randomBytes(4).toString('hex')}`;
  await onServer((c) => c.query(`CREATE DATABASE "${name}"${template ? ` TEMPLATE "${template}"` : ''}`));
  return {
    name,
    url: databaseUrl(name),
    drop: () => dropDatabase(name),
  };
}

export async function dropDatabase(name: string): Promise<void> {
  await onServer((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}

/** A migrated database of its own for one spec file, cloned from the run's template. */
export async function createMigratedTestDatabase(): Promise<TestDatabase> {
  const template = process.env.NEONHUB_TEST_TEMPLATE;
  if (!template) throw new Error('NEONHUB_TEST_TEMPLATE is not set: run e2e specs through jest (global setup migrates the template)');
  return createTestDatabase('neonhub_test', template);
}

/** Test databases are named <prefix>_<pid>_<hex>; those whose process is gone were left by a killed run. */
export async function sweepAbandonedTestDatabases(): Promise<void> {
  await onServer(async (c) => {
    const { rows } = await c.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname ~ '^neonhub_(test|tpl)_[0-9]+_[0-9a-f]+$'");
    for (const { datname } of rows) {
      const pid = Number(datname.split('_')[2]);
      if (!isAlive(pid)) await c.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    }
  });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
