/**
 * What holds memory while runs wait: the API's and the worker's resident set and live heap, the
 * rows and bytes of the run tables, and the bench's Redis database (and the server's used_memory).
 */
import { readFileSync } from 'node:fs';
import { setTimeout as delay } from 'node:timers/promises';
import IORedis from 'ioredis';
import type { Client } from 'pg';
import { queuePrefix } from '../../../src/infra/redis/redis-keys';
import type { Service } from '../bench-support';

export const RUN_TABLES = ['agent_runs', 'run_approvals', 'run_events', 'tool_executions'] as const;

export interface Probed {
  service: Service;
  /** The file heap-probe.js appends the heap to, on SIGUSR2. */
  heapFile: string;
}

export interface MemorySnapshot {
  label: string;
  /** RSS as found, then right after a forced full GC (the figure compared between snapshots). */
  apiRssAsFound: number;
  workerRssAsFound: number;
  apiRss: number;
  workerRss: number;
  apiHeap: number;
  workerHeap: number;
  tables: Record<(typeof RUN_TABLES)[number], { rows: number; bytes: number }>;
  redisUsedMemory: number;
  redisKeys: number;
  /** MEMORY USAGE summed over every key of the bench's Redis database. */
  redisKeyBytes: number;
  /** Its three largest keys, with their bytes. */
  redisLargest: string;
  dbSessions: number;
}

/** VmRSS of a process, from /proc, in bytes. */
export function rssBytes(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) * 1024 : NaN;
}

/** The live heap after a full GC: heap-probe.js answers SIGUSR2 with a line in its file. */
export async function heapAfterGc({ service, heapFile }: Probed): Promise<number> {
  const lines = () => readFileSync(heapFile, { encoding: 'utf8', flag: 'a+' }).trim().split('\n').filter(Boolean);
  const before = lines().length;
  service.signal('SIGUSR2');
  for (let i = 0; i < 100; i++) {
    await delay(50);
    const now = lines();
    if (now.length > before) return Number(now[now.length - 1]);
  }
  throw new Error('the heap probe did not answer');
}

export async function snapshot(label: string, api: Probed, worker: Probed, db: Client, redisUrl: string): Promise<MemorySnapshot> {
  // As found first: the forced GC of the heap probe shrinks it. After the GC, garbage left by
  // earlier load (the warm-up, the submissions) no longer counts as memory held by waiting runs.
  const apiRssAsFound = rssBytes(api.service.pid);
  const workerRssAsFound = rssBytes(worker.service.pid);
  const [apiHeap, workerHeap] = await Promise.all([heapAfterGc(api), heapAfterGc(worker)]);
  await delay(500);
  const apiRss = rssBytes(api.service.pid);
  const workerRss = rssBytes(worker.service.pid);
  const tables = {} as MemorySnapshot['tables'];
  for (const table of RUN_TABLES) {
    const { rows } = await db.query<{ rows: string; bytes: string }>(`SELECT count(*) AS rows, pg_total_relation_size('"${table}"') AS bytes FROM "${table}"`);
    tables[table] = { rows: Number(rows[0].rows), bytes: Number(rows[0].bytes) };
  }
  const sessions = await db.query<{ n: string }>('SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()');
  return { label, apiRssAsFound, workerRssAsFound, apiRss, workerRss, apiHeap, workerHeap, tables, ...(await redisMemory(redisUrl)), dbSessions: Number(sessions.rows[0].n) };
}

async function redisMemory(redisUrl: string): Promise<Pick<MemorySnapshot, 'redisUsedMemory' | 'redisKeys' | 'redisKeyBytes' | 'redisLargest'>> {
  const redis = new IORedis(redisUrl, { maxRetriesPerRequest: 1 });
  try {
    const info = await redis.info('memory');
    const redisUsedMemory = Number(/used_memory:(\d+)/.exec(info)?.[1] ?? NaN);
    const sizes: Array<[string, number]> = [];
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'COUNT', 1000);
      cursor = next;
      for (const key of keys) sizes.push([key, Number(await redis.memory('USAGE', key)) || 0]);
    } while (cursor !== '0');
    sizes.sort((a, b) => b[1] - a[1]);
    const redisKeyBytes = sizes.reduce((n, [, bytes]) => n + bytes, 0);
    const redisLargest = sizes.slice(0, 3).map(([key, bytes]) => `${key} ${(bytes / 1024).toFixed(0)} KiB`).join(', ');
    return { redisUsedMemory, redisKeys: sizes.length, redisKeyBytes, redisLargest };
  } finally {
    redis.disconnect();
  }
}

/** Bytes per waiting run between two snapshots, for each measure. */
export function perRun(from: MemorySnapshot, to: MemorySnapshot, runs: number) {
  const per = (a: number, b: number) => (b - a) / runs;
  return {
    apiRss: per(from.apiRss, to.apiRss),
    workerRss: per(from.workerRss, to.workerRss),
    apiHeap: per(from.apiHeap, to.apiHeap),
    workerHeap: per(from.workerHeap, to.workerHeap),
    redisUsedMemory: per(from.redisUsedMemory, to.redisUsedMemory),
    redisKeyBytes: per(from.redisKeyBytes, to.redisKeyBytes),
    tables: Object.fromEntries(RUN_TABLES.map((t) => [t, { rows: per(from.tables[t].rows, to.tables[t].rows), bytes: per(from.tables[t].bytes, to.tables[t].bytes) }])) as Record<(typeof RUN_TABLES)[number], { rows: number; bytes: number }>,
  };
}

export const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;

/** The run queue's jobs by state: a waiting run should hold none (no active, no delayed job). */
export async function runQueueCounts(redisUrl: string): Promise<Record<string, number>> {
  const { Queue } = await import('bullmq');
  const url = new URL(redisUrl);
  const queue = new Queue('agent.run', { connection: { host: url.hostname, port: Number(url.port || 6379), db: Number(url.pathname.slice(1) || 0) }, prefix: queuePrefix('agent.run') });
  try {
    return await queue.getJobCounts('active', 'waiting', 'delayed', 'completed', 'failed', 'prioritized');
  } finally {
    await queue.close();
  }
}
