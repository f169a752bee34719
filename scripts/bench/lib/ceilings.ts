/**
 * The ceiling programs of ../shared/bench (BENCH_CEILINGS_DIR elsewhere), run in the same session as a
 * NeonHub measurement so its figure can be given as a ratio: absolute numbers drift between machines.
 */
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import type { Client } from 'pg';
import { children, postgresCpuMs, ROOT } from '../bench-support';

export const CEILINGS = process.env.BENCH_CEILINGS_DIR ?? join(ROOT, '..', 'shared', 'bench');

/** ../shared/bench/raw-pg-run-txn.js against this bench's database, with the tables its header asks for. */
export async function rawPgTxn(work: string, db: Client, dbUrl: string): Promise<{ rps?: number; roundTrips: number; pgCpuPerTxn?: number; text: string }> {
  try {
    let source = readFileSync(join(CEILINGS, 'raw-pg-run-txn.js'), 'utf8');
    for (const [, ddl] of source.matchAll(/^\/\/\s+(create table .*;)\s*$/gim)) await db.query(ddl);
    // Its connection expression is quoted whole, a syntax error; the copy runs it as its comment means.
    source = source.replace(/'process\.env\.DATABASE_URL \|\| '([^']*)''/, "process.env.DATABASE_URL || '$1'");
    writeFileSync(join(work, 'raw-pg-run-txn.js'), source);
    const pgCpu = postgresCpuMs();
    const out = await runToEnd(join(work, 'raw-pg-run-txn.js'), { DATABASE_URL: dbUrl });
    const m = /(\d+) txn\/s p50 ([\d.]+) ms p99 ([\d.]+) ms/.exec(out);
    if (!m) throw new Error(out.trim().slice(0, 200));
    // The ceiling program runs for 8 s: its transaction count is its rate times that.
    const pgCpuPerTxn = (postgresCpuMs() - pgCpu) / (Number(m[1]) * 8);
    return { rps: Number(m[1]), roundTrips: 6, pgCpuPerTxn, text: `raw pg run-shaped txn, 32 conc.: ${m[1]} txn/s, p50 ${m[2]} ms, p99 ${m[3]} ms` };
  } catch (error) {
    return { roundTrips: 6, text: `raw-pg-run-txn.js could not run: ${(error as Error).message.slice(0, 200)}` };
  }
}

export async function rawBullmq(): Promise<{ processed?: number; singleAdds?: number; processedText: string; addText: string }> {
  try {
    const out = await runToEnd(join(CEILINGS, 'raw-bullmq.js'), {});
    const m = /bulk add (\d+) jobs\/s; one worker \(c=50\) processed (\d+) jobs\/s; single add x32 concurrent (\d+) jobs\/s/.exec(out);
    if (!m) throw new Error(out.trim().slice(0, 200));
    return { processed: Number(m[2]), singleAdds: Number(m[3]), processedText: `raw BullMQ, one worker c=50, no-op jobs: ${m[2]} jobs/s`, addText: `raw BullMQ single adds x32: ${m[3]} jobs/s` };
  } catch (error) {
    const text = `raw-bullmq.js could not run: ${(error as Error).message.slice(0, 200)}`;
    return { processedText: text, addText: text };
  }
}

export function runToEnd(script: string, env: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script], { env: { PATH: process.env.PATH ?? '', NODE_PATH: join(ROOT, 'node_modules'), ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    children.add(child);
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      children.delete(child);
      if (code === 0) resolve(out);
      else reject(new Error(`exit ${code}: ${out.trim()}`));
    });
  });
}

/**
 * BullMQ's own delay from adding a job to a worker starting it, with jobs added at `perSecond` (the
 * rate NeonHub's decisions came at): the floor under a resumed run's decision-to-running time
 * (re-implemented here, as the shared programs measure only rates). Runs on the bench's own Redis
 * database, in a queue it removes.
 */
export async function rawBullmqLatency(redisUrl: string, jobs: number, perSecond: number, workerConcurrency: number): Promise<{ p50: number; p99: number; text: string }> {
  const { Queue, Worker } = await import('bullmq');
  const url = new URL(redisUrl);
  // Options rather than a client: BullMQ closes the connections it made itself.
  const connect = () => ({ host: url.hostname, port: Number(url.port || 6379), db: Number(url.pathname.slice(1) || 0), maxRetriesPerRequest: null });
  const name = `bench-latency-${process.pid}-${Date.now()}`;
  const queue = new Queue(name, { connection: connect() });
  const latencies: number[] = [];
  let done!: () => void;
  const all = new Promise<void>((resolve) => (done = resolve));
  const worker = new Worker(
    name,
    async (job) => {
      latencies.push(performance.now() - (job.data as { at: number }).at);
      if (latencies.length === jobs) done();
    },
    { connection: connect(), concurrency: workerConcurrency },
  );
  try {
    await worker.waitUntilReady();
    const start = performance.now();
    const adds: Array<Promise<unknown>> = [];
    for (let i = 0; i < jobs; i++) {
      const wait = start + (i * 1000) / perSecond - performance.now();
      if (wait > 0) await delay(wait);
      adds.push(queue.add('j', { at: performance.now() }, { removeOnComplete: true }));
    }
    await Promise.all(adds);
    await all;
    latencies.sort((a, b) => a - b);
    const p50 = latencies[Math.floor(jobs / 2)];
    const p99 = latencies[Math.floor(jobs * 0.99)];
    return { p50, p99, text: `raw BullMQ add to start, ${jobs} jobs added at ${perSecond.toFixed(0)}/s, worker c=${workerConcurrency}: p50 ${p50.toFixed(1)} ms, p99 ${p99.toFixed(1)} ms` };
  } finally {
    await worker.close();
    await queue.obliterate({ force: true });
    await queue.close();
  }
}
