/**
 * The phases of the waiting-runs bench that drive the API: submitting runs that wait for approval,
 * deciding them, and 500 SSE clients following runs as they execute.
 */
import { setTimeout as delay } from 'node:timers/promises';
import type { Client } from 'pg';
import { cpuMsOf } from '../bench-support';
import { follow, type Followed } from './sse-follower';

/**
 * The event log of the runs $1, as GET /v1/runs/:id/events serves it: the runs' own events and
 * their steps' events, which live on the steps' rows (started_event_id, finished_event_id).
 */
const RUN_LOG = `log AS (
    SELECT run_id, id, created_at, type FROM run_events WHERE run_id = ANY($1::uuid[])
    UNION ALL SELECT run_id, started_event_id, started_at, 'step.started' FROM tool_executions WHERE run_id = ANY($1::uuid[]) AND started_event_id IS NOT NULL
    UNION ALL SELECT run_id, finished_event_id, finished_at, 'step.finished' FROM tool_executions WHERE run_id = ANY($1::uuid[]) AND finished_event_id IS NOT NULL)`;

export interface Api {
  url: string;
  auth: Record<string, string>;
}

export const percentile = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] : NaN);

/** Runs `task` over `items`, `concurrency` at a time. */
export async function inParallel<T, R>(items: T[], concurrency: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = await task(items[index]);
      }
    }),
  );
  return results;
}

async function call(api: Api, method: string, path: string, body?: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(api.url + path, { method, headers: { 'content-type': 'application/json', ...api.auth }, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

/** `count` async runs of `input`, `concurrency` requests at a time, all with one intent; their ids. */
export async function submitRuns(api: Api, count: number, intent: string, input: Record<string, unknown>, extra: Record<string, unknown> = {}, concurrency = 64): Promise<string[]> {
  const started = performance.now();
  const answers = await inParallel(Array.from({ length: count }), concurrency, () => call(api, 'POST', '/v1/runs', { agent: 'echo', intent, mode: 'async', input, ...extra }));
  const refused = answers.filter((a) => a.status !== 202);
  if (refused.length) throw new Error(`${refused.length} of ${count} runs refused, e.g. ${refused[0].status} ${JSON.stringify(refused[0].json).slice(0, 200)}`);
  const seconds = (performance.now() - started) / 1000;
  console.log(`  submitted ${count} runs (${intent}) at ${(count / seconds).toFixed(0)}/s`);
  return answers.map((a) => a.json.id as string);
}

/** Polls the database until `count` runs of the intent have `status`; fails on any final non-COMPLETED one. */
export async function waitForStatus(db: Client, intent: string, status: string, count: number, timeoutMs = 600_000): Promise<number> {
  const started = performance.now();
  for (;;) {
    const { rows } = await db.query<{ hit: string; bad: string }>(
      `SELECT count(*) FILTER (WHERE status::text = $2) AS hit, count(*) FILTER (WHERE status::text IN ('FAILED','CANCELLED','TIMED_OUT')) AS bad FROM agent_runs WHERE intent = $1`,
      [intent, status],
    );
    if (Number(rows[0].bad) > 0) throw new Error(`${rows[0].bad} runs of ${intent} ended other than COMPLETED`);
    if (Number(rows[0].hit) >= count) return performance.now() - started;
    if (performance.now() - started > timeoutMs) throw new Error(`only ${rows[0].hit} of ${count} runs of ${intent} reached ${status}`);
    await delay(200);
  }
}

/** `count` pending approvals from the review inbox, newest first, a page of 100 at a time. */
export async function pendingApprovals(api: Api, count: number): Promise<Array<{ id: string; runId: string }>> {
  const found: Array<{ id: string; runId: string }> = [];
  let cursor: string | null = null;
  while (found.length < count) {
    const page = await call(api, 'GET', `/v1/approvals?status=pending&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    if (page.status !== 200) throw new Error(`GET /v1/approvals answered ${page.status}`);
    found.push(...(page.json.items as Array<{ id: string; runId: string }>));
    cursor = page.json.nextCursor as string | null;
    if (!cursor) break;
  }
  return found.slice(0, count);
}

/** Approves each, `concurrency` at a time: decisions/s and the HTTP answer's latency. */
export async function approve(api: Api, approvals: Array<{ id: string; runId: string }>, concurrency: number) {
  const started = performance.now();
  const answers = await inParallel(approvals, concurrency, async (a) => {
    const at = performance.now();
    const res = await call(api, 'POST', `/v1/runs/${a.runId}/approvals/${a.id}`, { decision: 'approve' });
    return { status: res.status, ms: performance.now() - at };
  });
  const seconds = (performance.now() - started) / 1000;
  const bad = answers.filter((a) => a.status !== 200);
  if (bad.length) throw new Error(`${bad.length} decisions answered other than 200, e.g. ${bad[0].status}`);
  const ms = answers.map((a) => a.ms).sort((x, y) => x - y);
  return { perSecond: approvals.length / seconds, httpP50: percentile(ms, 50), httpP99: percentile(ms, 99) };
}

/** Per approval, decided_at to the run's run.resumed event, both on the database's clock. */
export async function decisionToRunning(db: Client, approvalIds: string[]) {
  const { rows } = await db.query<{ ms: string; decided: Date; finished: Date }>(
    `SELECT extract(epoch FROM (e.resumed_at - a.decided_at)) * 1000 AS ms, a.decided_at AS decided, r.finished_at AS finished
       FROM run_approvals a
       JOIN agent_runs r ON r.id = a.run_id
       CROSS JOIN LATERAL (SELECT min(created_at) AS resumed_at FROM run_events WHERE run_id = a.run_id AND type = 'run.resumed') e
      WHERE a.id = ANY($1::uuid[])`,
    [approvalIds],
  );
  const ms = rows.map((r) => Number(r.ms)).sort((a, b) => a - b);
  if (ms.some(Number.isNaN)) throw new Error('a decided run has no run.resumed event');
  // Resumed runs finished per second, from the first decision to the last completion.
  const span = (Math.max(...rows.map((r) => r.finished.getTime())) - Math.min(...rows.map((r) => r.decided.getTime()))) / 1000;
  return { p50: percentile(ms, 50), p99: percentile(ms, 99), max: ms[ms.length - 1], count: ms.length, completedPerSecond: rows.length / span };
}

export interface FanOut {
  clients: number;
  delivered: number;
  liveDelivered: number;
  eventsPerSecond: number;
  windowSeconds: number;
  complete: number;
  problems: string[];
  apiCpuSeconds: number;
  apiCpuPercent: number;
  workerCpuPercent: number;
  storedPerSecond: number;
  eventsPerRun: number;
  allConnectedBeforeStart: boolean;
}

/**
 * `clients` runs delayed by `leadMs` (runAt), one SSE client following each from before it starts;
 * then checks every client's ids against the run's stored log. Rates and CPU over the live window:
 * the first run.started a client received to the last event any client received.
 */
export async function sseFanOut(api: Api, db: Client, pids: { api: number; worker: number }, clients: number, leadMs: number, input: Record<string, unknown>): Promise<FanOut> {
  const intent = `bench-sse-${Date.now()}`;
  const runAt = new Date(Date.now() + leadMs);
  const runIds = await submitRuns(api, clients, intent, input, { runAt: runAt.toISOString() }, 32);
  const samples: Array<{ at: number; api: number; worker: number }> = [];
  const sampler = setInterval(() => samples.push({ at: performance.now(), api: cpuMsOf(pids.api), worker: cpuMsOf(pids.worker) }), 50);
  let connected = 0;
  let allConnected!: () => void;
  const everyoneConnected = new Promise<void>((resolve) => (allConnected = resolve));
  const streams: Array<Promise<Followed>> = runIds.map((id) => {
    let first = true;
    return follow(`${api.url}/v1/runs/${id}/events`, api.auth, () => {
      if (!first) return;
      first = false;
      if (++connected === clients) allConnected();
    });
  });
  await Promise.race([everyoneConnected, Promise.all(streams)]);
  const allConnectedBeforeStart = Date.now() < runAt.getTime();
  const followed = await Promise.all(streams);
  clearInterval(sampler);

  const answered = followed.filter((f) => f.status === 200).length;
  if (answered === 0) throw new Error(`no SSE client got 200 from GET /v1/runs/:id/events (e.g. ${followed[0]?.status} ${followed[0]?.error ?? ''})`);
  const problems: string[] = [];
  const stored = await db.query<{ run_id: string; ids: string[]; first: Date; last: Date }>(
    `WITH ${RUN_LOG} SELECT run_id, array_agg(id::text ORDER BY id) AS ids, min(created_at) AS first, max(created_at) AS last FROM log GROUP BY run_id`,
    [runIds],
  );
  const storedIds = new Map(stored.rows.map((r) => [r.run_id, r.ids]));
  let complete = 0;
  followed.forEach((f, i) => {
    const got = f.events.filter((e) => e.id !== null).map((e) => e.id);
    const want = storedIds.get(runIds[i]) ?? [];
    if (f.status === 200 && !f.error && f.malformed === 0 && got.join() === want.join()) complete++;
    else if (problems.length < 5) problems.push(`run ${runIds[i]}: status ${f.status}${f.error ? `, ${f.error}` : ''}, ${got.length}/${want.length} events, ${f.malformed} malformed`);
  });
  const all = followed.flatMap((f) => f.events);
  const start = Math.min(...all.filter((e) => e.type === 'run.started').map((e) => e.at));
  const end = Math.max(...all.map((e) => e.at));
  const live = all.filter((e) => e.at >= start).length;
  const windowSeconds = (end - start) / 1000;
  const before = [...samples].reverse().find((s) => s.at <= start) ?? samples[0];
  const after = samples.find((s) => s.at >= end) ?? samples[samples.length - 1];
  const sampledSeconds = (after.at - before.at) / 1000;
  const storedCount = stored.rows.reduce((n, r) => n + r.ids.length, 0);
  // The worker's side of the same window: events it appended from the first start to the last event, per second.
  const produced = await db.query<{ n: string; seconds: string }>(
    `WITH ${RUN_LOG}, w AS (SELECT min(created_at) FILTER (WHERE type = 'run.started') AS first, max(created_at) AS last FROM log)
     SELECT count(*) AS n, extract(epoch FROM (w.last - w.first)) AS seconds FROM log, w WHERE created_at >= w.first GROUP BY w.first, w.last`,
    [runIds],
  );
  return {
    clients,
    delivered: all.length,
    liveDelivered: live,
    eventsPerSecond: live / windowSeconds,
    windowSeconds,
    complete,
    problems,
    apiCpuSeconds: (after.api - before.api) / 1000,
    apiCpuPercent: ((after.api - before.api) / 1000 / sampledSeconds) * 100,
    workerCpuPercent: ((after.worker - before.worker) / 1000 / sampledSeconds) * 100,
    storedPerSecond: Number(produced.rows[0].n) / Number(produced.rows[0].seconds),
    eventsPerRun: storedCount / clients,
    allConnectedBeforeStart,
  };
}
