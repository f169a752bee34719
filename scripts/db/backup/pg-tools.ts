import { type ChildProcessByStdio, spawn } from 'node:child_process';
import type { Readable } from 'node:stream';

/** libpq's own URI parameters; anything else (Prisma's schema, connection_limit, ...) makes pg_dump refuse the URL. */
const LIBPQ_PARAMS = new Set(['sslmode', 'sslrootcert', 'sslcert', 'sslkey', 'sslpassword', 'application_name', 'connect_timeout', 'options', 'target_session_attrs', 'host', 'port']);

export interface PgTarget {
  /** The URL without its password, safe on a command line (visible to `ps`). */
  dbname: string;
  /** The password, handed over in PGPASSWORD, which only the child's environment carries. */
  env: NodeJS.ProcessEnv;
  database: string;
}

/** How to point pg_dump/pg_restore at a database URL; `database` replaces the URL's own database. */
export function pgTarget(databaseUrl: string, database?: string): PgTarget {
  let url: URL;
  try {
    url = new URL(databaseUrl);
  } catch {
    throw new Error('the database URL cannot be parsed');
  }
  const password = decodeURIComponent(url.password);
  url.password = '';
  if (database !== undefined) url.pathname = `/${encodeURIComponent(database)}`;
  for (const key of [...url.searchParams.keys()]) if (!LIBPQ_PARAMS.has(key)) url.searchParams.delete(key);
  const env: NodeJS.ProcessEnv = { ...process.env };
  if (password) env.PGPASSWORD = password;
  return { dbname: url.toString(), env, database: decodeURIComponent(url.pathname.slice(1)) };
}

/** Runs a PostgreSQL client tool with its output on a stream; `done` rejects with the tool's last stderr lines. */
export function spawnPgTool(tool: 'pg_dump' | 'pg_restore', args: string[], env: NodeJS.ProcessEnv): { child: ChildProcessByStdio<null, Readable, Readable>; done: Promise<void> } {
  const child = spawn(tool, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const done = new Promise<void>((resolve, reject) => {
    child.on('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'ENOENT' ? new Error(`${tool} not found: install the PostgreSQL client tools (the server's major version or newer)`) : error),
    );
    child.on('close', (code) => {
      if (code === 0) resolve();
      else reject(new Error(`${tool} exited with code ${code}: ${lastLines(stderr)}`));
    });
  });
  return { child, done };
}

function lastLines(text: string): string {
  const lines = text.trim().split('\n').filter(Boolean);
  return lines.slice(-3).join(' / ') || 'no message';
}
