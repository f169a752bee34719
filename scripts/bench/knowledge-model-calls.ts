/**
 * The model-side figures of `npm run bench:knowledge`, on the built app loaded in-process: intake
 * throughput with the offline embedder (with a production worker process), and what recording
 * adds to one offline model call.
 */
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Client } from 'pg';
import type { MeteredLlm as Metered } from '../../src/modules/llm/usage/metered-llm';
import type { ProxyDeps, RecordingToolProxy as Proxy } from '../../src/modules/orchestration/recording-tool-proxy';
import { ROOT, start } from './bench-support';
import type { Synthetic } from './knowledge-data';

const DIST = join(ROOT, 'dist', 'src');
/** The built modules: the in-process app must be the one production runs, with its decorator metadata. */
export const built = <T>(path: string): T => require(join(DIST, path)) as T;
type Constructor<T> = new (...args: never[]) => T;

const INTAKE_DOCUMENTS = 200;
const ROUNDS = 5;
const CALLS = 1000;
const PROMPT = 'Write a one-line tagline for a spring sale on running shoes.';

/**
 * Documents per minute through the real intake: text documents submitted to the in-process API
 * (POST /v1/datasets/:id/documents), taken through intake.fetch -> intake.normalize ->
 * intake.embed by a production worker process (its own stage concurrency), embedded by the offline
 * model through MeteredLlm, stored and marked READY; from the first submission to the last READY.
 */
export async function intakeThroughput(app: NestFastifyApplication, db: Client, data: Synthetic, apiKey: string, env: Record<string, string>, progress: (m: string) => void) {
  const port = 3931;
  const worker = await start('dist/src/worker.js', [], { ...env, WORKER_PORT: String(port) }, port, '/health/ready');
  try {
    const fastify = app.getHttpAdapter().getInstance();
    const headers = { authorization: `Bearer ${apiKey}` };
    const created = await fastify.inject({ method: 'POST', url: '/v1/datasets', headers, payload: { name: 'intake bench' } });
    if (created.statusCode !== 201) throw new Error(`dataset answered ${created.statusCode}: ${created.body}`);
    const dataset = (created.json() as { id: string }).id;
    const texts = Array.from({ length: INTAKE_DOCUMENTS }, () => data.document(8));
    const at = performance.now();
    for (const [i, text] of texts.entries()) {
      const res = await fastify.inject({ method: 'POST', url: `/v1/datasets/${dataset}/documents`, headers, payload: { title: `Bench document ${i}`, text, format: 'text' } });
      if (res.statusCode >= 300) throw new Error(`document answered ${res.statusCode}: ${res.body}`);
    }
    const submitted = (performance.now() - at) / 1000;
    const deadline = performance.now() + 10 * 60_000;
    for (;;) {
      const { rows } = await db.query<{ ready: number; failed: number; chunks: number }>(
        "SELECT count(*) FILTER (WHERE status = 'READY')::int AS ready, count(*) FILTER (WHERE status = 'FAILED')::int AS failed, coalesce(sum(chunk_count), 0)::int AS chunks FROM documents WHERE dataset_id = $1",
        [dataset],
      );
      const { ready, failed, chunks } = rows[0];
      if (failed > 0) throw new Error(`${failed} bench documents FAILED intake`);
      if (ready === INTAKE_DOCUMENTS) {
        const seconds = (performance.now() - at) / 1000;
        progress(`intake: ${INTAKE_DOCUMENTS} documents (${chunks} chunks) submitted in ${submitted.toFixed(1)} s, all READY after ${seconds.toFixed(1)} s`);
        return {
          documents: INTAKE_DOCUMENTS,
          chunks,
          documentsPerMinute: (INTAKE_DOCUMENTS / seconds) * 60,
          how: 'POST /v1/datasets/:id/documents to the API, intake.fetch, normalize and embed in one production worker, to READY',
        };
      }
      if (performance.now() > deadline) throw new Error(`intake: ${ready} of ${INTAKE_DOCUMENTS} documents READY after 10 minutes`);
      await delay(100);
    }
  } finally {
    await worker.stop();
  }
}

interface Sample {
  wallMs: number;
  cpuMs: number;
}

async function timed(count: number, fn: () => Promise<unknown>): Promise<Sample> {
  const cpu = process.cpuUsage();
  const at = performance.now();
  for (let i = 0; i < count; i++) await fn();
  const used = process.cpuUsage(cpu);
  return { wallMs: (performance.now() - at) / count, cpuMs: (used.user + used.system) / 1000 / count };
}

/**
 * `llm.generate` through RecordingToolProxy (its two step-log writes, with the model usage)
 * against MeteredLlm.generateText called directly, same prompt, offline model. Rounds interleave
 * the two so a neighbour's burst on this shared machine hits both alike; medians of the rounds.
 */
export async function recordingOverhead(app: NestFastifyApplication, apiKey: string, organizationId: string, progress: (m: string) => void) {
  const { RecordingToolProxy } = built<{ RecordingToolProxy: new (...args: ConstructorParameters<typeof Proxy>) => Proxy }>('modules/orchestration/recording-tool-proxy.js');
  const deps: ProxyDeps = {
    tools: app.get(built<{ ToolRegistry: Constructor<ProxyDeps['tools']> }>('modules/tools/tool-registry.js').ToolRegistry),
    steps: app.get(built<{ StepLog: Constructor<ProxyDeps['steps']> }>('modules/orchestration/persistence/step-log.js').StepLog),
    metrics: app.get(built<{ RunMetrics: Constructor<ProxyDeps['metrics']> }>('modules/telemetry/run-metrics.js').RunMetrics),
  };
  deps.tools.action('llm', 'generate'); // throws when the llm tool is missing
  const llm = app.get(built<{ MeteredLlm: Constructor<Metered> }>('modules/llm/usage/metered-llm.js').MeteredLlm);
  const fastify = app.getHttpAdapter().getInstance();
  const signal = new AbortController().signal;
  const newRun = async () => {
    const res = await fastify.inject({ method: 'POST', url: '/v1/runs', headers: { authorization: `Bearer ${apiKey}` }, payload: { agent: 'echo', input: { toolCalls: 0 } } });
    if (res.statusCode !== 201) throw new Error(`echo run answered ${res.statusCode}: ${res.body}`);
    return (res.json() as { id: string }).id;
  };
  /** A fresh proxy on a fresh run, as one run's calls would be numbered. */
  const proxy = async () => new RecordingToolProxy(deps, { runId: await newRun(), organizationId, agent: 'bench', attempt: 1, allowedTools: ['llm.*'], signal });
  const direct = () => llm.generateText({ organizationId }, { prompt: PROMPT });

  const warm = await proxy();
  for (let i = 0; i < 200; i++) {
    await direct();
    await warm.call('llm', 'generate', { prompt: PROMPT });
  }
  const usage = { provider: 'offline', model: 'offline', inputTokens: 12, outputTokens: 9, costUsd: 0 };
  const samples: Record<'direct' | 'proxied' | 'writes', Sample[]> = { direct: [], proxied: [], writes: [] };
  for (let round = 0; round < ROUNDS; round++) {
    samples.direct.push(await timed(CALLS / ROUNDS, direct));
    const recorded = await proxy();
    samples.proxied.push(await timed(CALLS / ROUNDS, () => recorded.call('llm', 'generate', { prompt: PROMPT })));
    // The step log's two writes alone, as the proxy makes them for a metered step.
    const runId = await newRun();
    let step = 0;
    samples.writes.push(
      await timed(CALLS / ROUNDS, async () => {
        const id = await deps.steps.start({ organizationId, runId, toolName: 'llm', action: 'generate', step: ++step, attempt: 1, input: { prompt: PROMPT } });
        await deps.steps.finish(id, 'SUCCEEDED', { output: { text: 'Offline answer' }, durationMs: 1, modelUsage: usage });
      }),
    );
  }
  const median = (list: Sample[], key: keyof Sample) => list.map((s) => s[key]).sort((a, b) => a - b)[Math.floor(list.length / 2)];
  const [d, p, w] = [samples.direct, samples.proxied, samples.writes];
  progress(
    `model call: direct ${median(d, 'wallMs').toFixed(3)} ms wall (${median(d, 'cpuMs').toFixed(3)} CPU), through the proxy ${median(p, 'wallMs').toFixed(3)} ms (${median(p, 'cpuMs').toFixed(3)} CPU); ` +
      `the step log's two writes alone ${median(w, 'wallMs').toFixed(3)} ms (${median(w, 'cpuMs').toFixed(3)} CPU); medians of ${ROUNDS} rounds of ${CALLS / ROUNDS}`,
  );
  return {
    writesMs: median(w, 'wallMs'),
    overheadMs: median(p, 'wallMs') - median(d, 'wallMs'),
    overheadCpuMs: median(p, 'cpuMs') - median(d, 'cpuMs'),
    how: `llm.generate through RecordingToolProxy minus MeteredLlm.generateText, medians of ${ROUNDS} rounds of ${CALLS / ROUNDS}`,
  };
}
