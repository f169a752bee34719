/** What the benchmark scripts share: starting the production build, reading its CPU time, a Redis database of their own. */
import { ChildProcess, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import IORedis from 'ioredis';

export const ROOT = join(__dirname, '..', '..');
export const REDIS = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Every process a bench started, killed if it fails halfway. */
export const children = new Set<ChildProcess>();

export interface Service {
  url: string;
  pid: number;
  /** CPU time (user + system) the process has used so far, from /proc. */
  cpuMs(): number;
  signal(signal: NodeJS.Signals): void;
  stop(): Promise<void>;
}

export const loadAverage = () => loadavg().map((l) => l.toFixed(1)).join(' ');

export function cpuMsOf(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10; // utime + stime, in clock ticks of 10 ms
  } catch {
    return NaN;
  }
}

/**
 * CPU time used so far by every process named `postgres` on this machine, from /proc: the live
 * ones (server and backends) plus what their exited children used (a backend whose connection
 * closed is counted in its parent's cutime/cstime). Where a run's database work costs CPU; NaN
 * when the server is not local.
 */
export function postgresCpuMs(): number {
  let total = 0;
  let found = false;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() !== 'postgres') continue;
      found = true;
      const fields = readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1].split(' ');
      // utime, stime, cutime, cstime, in clock ticks of 10 ms
      total += (Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14])) * 10;
    } catch {
      // the process ended while being read
    }
  }
  return found ? total : NaN;
}

/** Starts a built entry point and resolves once `readyPath` answers 200. */
export async function start(script: string, args: string[], env: Record<string, string>, port: number, readyPath: string, nodeArgs: string[] = []): Promise<Service> {
  const child = spawn(process.execPath, [...nodeArgs, script, ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'production', NODE_PATH: join(ROOT, 'node_modules'), ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  children.add(child);
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await Promise.race([exited, delay(15_000).then(() => child.kill('SIGKILL'))]);
    }
    children.delete(child);
  };
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`${script} did not become ready: ${stderr.trim() || `exit ${child.exitCode}`}`);
    }
    if (await fetch(url + readyPath).then((r) => r.ok, () => false)) return { url, pid: child.pid!, stop, cpuMs: () => cpuMsOf(child.pid!), signal: (signal) => void child.kill(signal) };
    await delay(50);
  }
}

export /** An empty database of the Redis server, so the bench's queue, rate-limit and mock keys are its own. */
async function pickRedisDb(): Promise<number> {
  const redis = new IORedis(REDIS, { maxRetriesPerRequest: 1 });
  try {
    const wanted = process.env.BENCH_REDIS_DB ? [Number(process.env.BENCH_REDIS_DB)] : Array.from({ length: 15 }, (_, i) => 15 - i);
    for (const index of wanted) {
      const empty = await redis.select(index).then(async () => (await redis.dbsize()) === 0, () => false);
      if (empty) return index;
    }
    throw new Error('no empty Redis database to run in; set BENCH_REDIS_DB to an empty one');
  } finally {
    redis.disconnect();
  }
}

/**
 * Empties the bench's database: pickRedisDb chose it empty, so everything in it is the bench's
 * (a list of key patterns left the keys of every queue added since, schedules.tick and
 * webhooks.deliver, until no database was empty and every bench refused to start).
 */
export async function deleteOwnRedisKeys(index: number): Promise<void> {
  const redis = new IORedis(REDIS, { db: index, maxRetriesPerRequest: 1 });
  try {
    await redis.flushdb();
  } finally {
    redis.disconnect();
  }
}
