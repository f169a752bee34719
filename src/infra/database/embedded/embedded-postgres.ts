import { existsSync } from 'node:fs';
import { link, mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { PGlite, type Extension } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

// The contrib extensions live behind a package "exports" subpath, which tsconfig's
// moduleResolution "node" cannot see; Node and Jest resolve it fine at runtime.
const { citext } = require('@electric-sql/pglite/contrib/citext') as { citext: Extension };
const { uuid_ossp } = require('@electric-sql/pglite/contrib/uuid_ossp') as { uuid_ossp: Extension };

/*
 * Concurrency semantics of @electric-sql/pglite-socket 0.2.17 (read from its source):
 * - There is ONE PGlite backend session. Every connection's wire messages go into one global
 *   FIFO queue and run one message at a time (Parse, Bind, Execute and Sync are separate items).
 * - While PGlite is inside an explicit transaction block (BEGIN .. COMMIT), the queue only takes
 *   messages from the connection that ran last; other connections wait, with no timeout, until
 *   it commits or disconnects (a disconnect inside a transaction triggers a ROLLBACK). So whole
 *   explicit transactions are serialised, and a connection idle in a transaction stalls everyone.
 * - Outside a transaction block, messages of different connections may interleave. A pg query
 *   usually arrives in one TCP read and then runs without interleaving, but a large one (e.g. a
 *   300 kB parameter) spans several reads; another connection's Parse then replaces the shared
 *   unnamed statement and the Bind fails ("bind message supplies 2 parameters, but prepared
 *   statement "" requires 1"), which we reproduced with two clients. Session state (SET, temp
 *   tables, prepared statements) is shared by all connections too.
 * - maxConnections (default 1) sets both net.Server.maxConnections and the handler limit: an
 *   extra connection is dropped at once and pg reports "Connection terminated unexpectedly".
 *   With a limit of 1, a pool that closes an idle connection and reconnects straight away can hit
 *   that before the server has seen the close, so we keep headroom on the server side.
 * - Cancel requests are ignored, Terminate is a no-op, `inspect` only hex-dumps traffic.
 * Hence: one connection per process (pool max 1, never closed when idle), used by the migrator
 * and the app in turn, never at the same time. Inside an interactive transaction, use only the
 * transaction client: a query on the root client waits for the only connection until the
 * transaction times out.
 */
export const EMBEDDED_RECOMMENDED_POOL_SIZE = 1;
/** pg Pool options to pair with the URL (idleTimeoutMillis 0 keeps the one connection open). */
export const EMBEDDED_POOL_OPTIONS = { max: EMBEDDED_RECOMMENDED_POOL_SIZE, idleTimeoutMillis: 0 } as const;
/** Server-side limit: headroom for reconnects and a debugging psql, not for concurrency. */
const DEFAULT_MAX_CONNECTIONS = 4;
const STOP_TIMEOUT_MS = 5_000;
const LOCK_FILE = 'pglite.lock';

export interface EmbeddedPostgresOptions {
  dataDir: string;
  host?: string;
  /** 0 lets the OS pick a free port. */
  port?: number;
  maxConnections?: number;
  log?: (msg: string) => void;
}

export class EmbeddedPostgres {
  readonly recommendedPoolSize = EMBEDDED_RECOMMENDED_POOL_SIZE;
  private stopping?: Promise<void>;

  private constructor(
    /** postgresql:// URL for pg and Prisma, database "postgres". */
    readonly url: string,
    /** The PGDATA directory, <dataDir>/pglite. */
    readonly pgDataDir: string,
    private readonly db: PGlite,
    private readonly server: PGLiteSocketServer,
    private readonly releaseLock: () => Promise<void>,
    private readonly log: (msg: string) => void,
  ) {}

  /** The directory the service uses when DATABASE_URL is absent. */
  static dataDirFromEnv(env: NodeJS.ProcessEnv = process.env): string {
    return env.NEONHUB_DATA_DIR || '.data';
  }

  static async start(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
    const log = options.log ?? (() => undefined);
    const root = resolve(options.dataDir);
    const pgDataDir = join(root, 'pglite');
    await mkdir(pgDataDir, { recursive: true });
    // Lock before PGlite touches the files: two instances on one PGDATA corrupt it.
    const releaseLock = await acquireDataDirLock(root);
    let db: PGlite | undefined;
    try {
      const firstBoot = !existsSync(join(pgDataDir, 'PG_VERSION'));
      const startedAt = performance.now();
      db = await PGlite.create({ dataDir: pgDataDir, extensions: { vector, citext, uuid_ossp } });
      const host = options.host ?? '127.0.0.1';
      const server = new PGLiteSocketServer({
        db,
        host,
        port: options.port ?? 0,
        maxConnections: options.maxConnections ?? DEFAULT_MAX_CONNECTIONS,
      });
      await server.start();
      const conn = server.getServerConn();
      const port = Number(conn.slice(conn.lastIndexOf(':') + 1));
      const urlHost = host.includes(':') ? `[${host}]` : host;
      // PGlite trusts every login; the credentials only satisfy URL parsers.
      const url = `postgresql://postgres:postgres@${urlHost}:${port}/postgres`;
      const ms = Math.round(performance.now() - startedAt);
      log(`embedded postgres ${firstBoot ? 'initialised' : 'opened'} ${pgDataDir} in ${ms} ms, listening on ${urlHost}:${port}`);
      return new EmbeddedPostgres(url, pgDataDir, db, server, releaseLock, log);
    } catch (err) {
      await db?.close().catch(() => undefined);
      await releaseLock();
      throw err;
    }
  }

  /** Closes the socket server (dropping clients), then PGlite (flushing to disk), then the lock. */
  stop(): Promise<void> {
    this.stopping ??= this.shutdown();
    return this.stopping;
  }

  private async shutdown(): Promise<void> {
    try {
      // server.stop() waits for every socket to close; do not let a stuck client block shutdown.
      await withTimeout(this.server.stop(), STOP_TIMEOUT_MS);
    } finally {
      try {
        if (!this.db.closed) await this.db.close();
      } finally {
        await this.releaseLock();
        this.log(`embedded postgres ${this.pgDataDir} stopped`);
      }
    }
  }
}

/*
 * Data-directory lock. proper-lockfile is only present as a transitive dev dependency, so it
 * would be missing from a production install; a pid file is enough for one host. The file is
 * written under a temporary name and hard-linked into place, so it never exists half-written,
 * and link() fails with EEXIST when another holder got there first. A lock whose pid is dead
 * (crash, kill -9) is stale and taken over. A lock carrying our own pid that this process does
 * not hold comes from an earlier process with the same pid (containers restart as pid 1).
 * Not meant for a data directory shared between hosts over a network filesystem.
 */
const heldLocks = new Set<string>();

export async function acquireDataDirLock(dir: string): Promise<() => Promise<void>> {
  const lockPath = join(resolve(dir), LOCK_FILE);
  const content = `${process.pid}\n${new Date().toISOString()}\n`;
  const tmpPath = `${lockPath}.${process.pid}.${Math.random().toString(36).slice(2)}`;
  await writeFile(tmpPath, content);
  try {
    // Two rounds: the second follows the removal of a stale lock.
    for (let round = 0; round < 2; round++) {
      try {
        await link(tmpPath, lockPath);
        heldLocks.add(lockPath);
        return once(() => releaseDataDirLock(lockPath, content));
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      }
      const holder = Number.parseInt(await readFile(lockPath, 'utf8').catch(() => ''), 10);
      if (Number.isInteger(holder) && holder > 0 && isHolderAlive(holder, lockPath)) {
        throw new Error(
          `Embedded database directory ${dir} is in use by process ${holder} (lock file ${lockPath}). ` +
            'Stop that process, or set NEONHUB_DATA_DIR to another directory. ' +
            'If no such process is running, delete the lock file.',
        );
      }
      await unlink(lockPath).catch(() => undefined);
    }
    throw new Error(`Embedded database directory ${dir}: another process took the lock ${lockPath} while starting`);
  } finally {
    await unlink(tmpPath).catch(() => undefined);
  }
}

async function releaseDataDirLock(lockPath: string, content: string): Promise<void> {
  heldLocks.delete(lockPath);
  // Only remove the file if it is still ours.
  const current = await readFile(lockPath, 'utf8').catch(() => undefined);
  if (current === content) await unlink(lockPath).catch(() => undefined);
}

function isHolderAlive(pid: number, lockPath: string): boolean {
  if (pid === process.pid) return heldLocks.has(lockPath);
  try {
    process.kill(pid, 0); // signal 0 checks existence without sending anything
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'; // alive, owned by another user
  }
}

function once(fn: () => Promise<void>): () => Promise<void> {
  let done: Promise<void> | undefined;
  return () => (done ??= fn());
}

async function withTimeout(promise: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((done) => {
    timer = setTimeout(done, ms);
    timer.unref();
  });
  try {
    await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
