import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Client } from 'pg';
import { projectRoot } from '../../src/common/project-root';
import { TEST_SERVER_URL } from './database';

export interface ScriptRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Every variable a db:* script may read; a spec states the ones it means, nothing leaks in from the shell. */
const DATABASE_VARIABLES = ['DATABASE_URL', 'DATABASE_URL_MIGRATE', 'DATABASE_URL_ADMIN', 'DATABASE_URL_BACKUP', 'NEONHUB_BACKUP_KEY', 'NEONHUB_DB_ROLE_SUFFIX'];

/** Runs scripts/db/<name>.ts the way `npm run db:<name> -- <args>` does, with the given variables. */
export function runDbScript(name: string, env: Record<string, string | undefined>, args: string[] = []): Promise<ScriptRun> {
  const root = projectRoot();
  const childEnv: NodeJS.ProcessEnv = { ...process.env };
  for (const variable of DATABASE_VARIABLES) delete childEnv[variable];
  for (const [key, value] of Object.entries(env)) if (value !== undefined) childEnv[key] = value;
  const child = spawn(process.execPath, [join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(root, 'scripts', 'db', `${name}.ts`), ...args], {
    cwd: root,
    env: childEnv,
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** The URL of `database` on the test server, as `user` with `password` (CI's server checks passwords). */
export function urlAs(user: string, database: string, password = ''): string {
  const url = new URL(TEST_SERVER_URL);
  url.username = user;
  url.password = encodeURIComponent(password);
  url.pathname = `/${database}`;
  return url.toString();
}

/**
 * A role-name suffix of its own for one spec file: roles are cluster-wide, and spec files run in
 * parallel on one server. Carries the pid, so a killed run's roles can be recognised and dropped.
 */
export function testRoleSuffix(): string {
  return `_t${process.pid}_${randomBytes(3).toString('hex')}`;
}

/** Drops the three roles of `suffix`; their databases must be dropped first (grants live there). */
export async function dropTestRoles(suffix: string): Promise<void> {
  const client = new Client({ connectionString: TEST_SERVER_URL });
  await client.connect();
  try {
    for (const kind of ['app', 'readonly', 'migrate']) await client.query(`DROP ROLE IF EXISTS "neonhub_${kind}${suffix}"`);
  } finally {
    await client.end();
  }
}

/**
 * Roles left by a killed run (their pid is gone). Their databases were dropped by the global
 * setup's sweep, so nothing holds them; one still granted somewhere is left for the next sweep.
 */
export async function sweepAbandonedTestRoles(): Promise<void> {
  const client = new Client({ connectionString: TEST_SERVER_URL });
  await client.connect();
  try {
    const { rows } = await client.query<{ rolname: string }>("SELECT rolname FROM pg_roles WHERE rolname ~ '^neonhub_(migrate|app|readonly)_t[0-9]+_[0-9a-f]{6}$'");
    for (const { rolname } of rows) {
      const pid = Number(/_t(\d+)_/.exec(rolname)![1]);
      if (isAlive(pid)) continue;
      await client.query(`DROP ROLE IF EXISTS "${rolname}"`).catch(() => undefined);
    }
  } finally {
    await client.end();
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
