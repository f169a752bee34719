/**
 * Part 1 of the agents bench: each standalone agent run N times as a sync run, one at a time,
 * through an API (and a worker, for the stage runs a run starts) whose database connections pass
 * through round-trip counters.
 */
import { setTimeout as delay } from 'node:timers/promises';
import type { Client } from 'pg';
import { AGENT_BENCH_SETTINGS, AGENT_SAMPLES, type SampleContext } from './agent-samples';
import { call, expectCall, mean, median, type Api } from './agents-http';
import type { startPgCounter } from './pg-counter';

type Counter = Awaited<ReturnType<typeof startPgCounter>>;

export interface AgentListing {
  name: string;
  internal?: boolean;
}

export interface AgentRow {
  agent: string;
  runs: number;
  medianMs: number;
  apiTrips: number;
  modelCalls: number;
  toolSteps: number;
  children: number;
  workerTrips: number;
  statuses: string;
}

export interface StandaloneResult {
  rows: AgentRow[];
  skipped: string[];
  approvalsOff: string[];
}

interface ToolStep {
  tool: string;
}

const FINAL = `('COMPLETED','FAILED','CANCELLED','TIMED_OUT')`;

export async function benchStandaloneAgents(api: Api, db: Client, counters: { api: Counter; worker: Counter }, agents: AgentListing[], context: SampleContext, runs: number, log: (line: string) => void): Promise<StandaloneResult> {
  const result: StandaloneResult = { rows: [], skipped: [], approvalsOff: [] };
  for (const agent of agents) {
    if (agent.internal) {
      result.skipped.push(`${agent.name} (internal: started only by another run)`);
      continue;
    }
    const sample = AGENT_SAMPLES[agent.name];
    if (!sample) {
      result.skipped.push(`${agent.name} (no sample input in scripts/bench/lib/agent-samples.ts)`);
      continue;
    }
    // A write that waits for a person would turn the sync run into a 202; the bench turns approval off for it.
    const config = await expectCall<{ approvalPolicies: Record<string, unknown> }>(api, 'GET', `/v1/agents/${agent.name}/config`, undefined, 200);
    const writes = Object.keys(config.approvalPolicies);
    const settings = AGENT_BENCH_SETTINGS[agent.name];
    if (writes.length || settings) {
      const approvalPolicies = Object.fromEntries(writes.map((w) => [w, { mode: 'never' }]));
      await expectCall(api, 'PUT', `/v1/agents/${agent.name}/config`, { approvalPolicies, ...(settings ? { settings } : {}) }, 200);
      if (writes.length) result.approvalsOff.push(`${agent.name} (${writes.join(', ')})`);
      if (settings) result.approvalsOff.push(`${agent.name} settings ${JSON.stringify(settings)}`);
    }
    const input = sample(context);
    // One untimed run first: it creates the agent's row, warms its code paths and shows whether the input is accepted.
    const warm = await call(api, 'POST', '/v1/runs', { agent: agent.name, input, mode: 'sync' });
    if (warm.status >= 400) {
      result.skipped.push(`${agent.name} (input refused: ${warm.status} ${JSON.stringify(warm.json).slice(0, 160)})`);
      continue;
    }
    await settle(api, db, String(warm.json.id), warm.status);
    const samples: Array<Omit<AgentRow, 'agent' | 'runs' | 'medianMs' | 'statuses'> & { ms: number; status: string }> = [];
    for (let i = 0; i < runs; i++) {
      counters.api.state.roundTrips = 0;
      counters.worker.state.roundTrips = 0;
      const answer = await call<RunAnswer>(api, 'POST', '/v1/runs', { agent: agent.name, input, mode: 'sync' });
      const apiTrips = counters.api.state.roundTrips;
      const { children, run } = await settle(api, db, answer.json.id, answer.status);
      const steps = run.toolExecutions ?? [];
      const status = `${answer.status} ${answer.json.status ?? answer.json.error}${run.status !== answer.json.status ? ` -> ${run.status}` : ''}${run.error ? ` (${run.error.message.slice(0, 80)})` : ''}`;
      samples.push({ ms: answer.ms, status, apiTrips, modelCalls: steps.filter((s) => s.tool === 'llm').length, toolSteps: steps.length, children, workerTrips: counters.worker.state.roundTrips });
    }
    const statuses = [...new Set(samples.map((s) => s.status))].join(', ');
    const row: AgentRow = {
      agent: agent.name,
      runs,
      medianMs: median(samples.map((s) => s.ms)),
      apiTrips: mean(samples.map((s) => s.apiTrips)),
      modelCalls: mean(samples.map((s) => s.modelCalls)),
      toolSteps: mean(samples.map((s) => s.toolSteps)),
      children: mean(samples.map((s) => s.children)),
      workerTrips: mean(samples.map((s) => s.workerTrips)),
      statuses,
    };
    log(`${row.agent}: median ${row.medianMs.toFixed(0)} ms, ${row.apiTrips.toFixed(1)} API round trips, ${row.modelCalls.toFixed(1)} model calls, ${row.toolSteps.toFixed(1)} tool steps, ${row.children.toFixed(1)} stage runs (${row.workerTrips.toFixed(1)} worker round trips) per run; answers ${statuses}`);
    result.rows.push(row);
  }
  return result;
}

interface RunAnswer {
  id: string;
  status?: string;
  error?: string;
  toolExecutions?: ToolStep[];
}

interface RunView {
  status: string;
  error: { message: string } | null;
  toolExecutions?: ToolStep[];
}

/**
 * The run and its stage runs final: a run that still asks a person (support's low-confidence
 * review, which no policy turns off) is approved by the bench, as a reviewer would, and resumes
 * in the worker. Its final record (tool steps included) is read back.
 */
async function settle(api: Api, db: Client, runId: string | undefined, status: number): Promise<{ children: number; run: RunView }> {
  if (!runId || status >= 400) return { children: 0, run: { status: `HTTP ${status}`, error: null } };
  const deadline = Date.now() + 120_000;
  for (;;) {
    const { rows } = await db.query<{ status: string }>('SELECT status::text AS status FROM agent_runs WHERE id = $1', [runId]);
    if (!['AWAITING_APPROVAL', 'RUNNING', 'QUEUED', 'WAITING'].includes(rows[0]?.status)) break;
    if (rows[0].status === 'AWAITING_APPROVAL') {
      const pending = await db.query<{ id: string }>(`SELECT id FROM run_approvals WHERE run_id = $1 AND status = 'PENDING'`, [runId]);
      for (const approval of pending.rows) await call(api, 'POST', `/v1/runs/${runId}/approvals/${approval.id}`, { decision: 'approve' });
    }
    if (Date.now() > deadline) throw new Error(`run ${runId} not final after 120 s`);
    await delay(25);
  }
  const children = await childrenSettled(db, runId);
  const run = await expectCall<RunView>(api, 'GET', `/v1/runs/${runId}`, undefined, 200);
  return { children, run };
}

/** Waits until every run started (transitively) by `runId` is final, so runs never overlap; how many there were. */
async function childrenSettled(db: Client, runId: string): Promise<number> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const { rows } = await db.query<{ total: string; open: string }>(
      `WITH RECURSIVE tree AS (SELECT id, status FROM agent_runs WHERE parent_run_id = $1
                               UNION ALL SELECT r.id, r.status FROM agent_runs r JOIN tree t ON r.parent_run_id = t.id)
       SELECT count(*) AS total, count(*) FILTER (WHERE status::text NOT IN ${FINAL}) AS open FROM tree`,
      [runId],
    );
    if (Number(rows[0].open) === 0) return Number(rows[0].total);
    if (Date.now() > deadline) throw new Error(`stage runs of ${runId} still open after 120 s`);
    await delay(25);
  }
}
