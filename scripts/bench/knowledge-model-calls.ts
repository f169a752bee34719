/**
 * The model-side figures of `npm run bench:knowledge`, on the built app loaded in-process: intake
 * throughput with the offline embedder, and what recording adds to one offline model call.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Client } from 'pg';
import type { Sql as SqlClass } from '../../src/infra/database/sql';
import type { Chunk, ChunkOptions } from '../../src/modules/knowledge/intake/chunker';
import type { NormalizedDocument } from '../../src/modules/knowledge/intake/normalize';
import type { MeteredLlm as Metered } from '../../src/modules/llm/usage/metered-llm';
import type { EmbeddingSpaces as Spaces } from '../../src/modules/llm/vectors/embedding-spaces';
import type { ProxyDeps, RecordingToolProxy as Proxy } from '../../src/modules/orchestration/recording-tool-proxy';
import { ROOT } from './bench-support';
import type { Synthetic } from './knowledge-data';

const DIST = join(ROOT, 'dist', 'src');
/** The built modules: the in-process app must be the one production runs, with its decorator metadata. */
export const built = <T>(path: string): T => require(join(DIST, path)) as T;
type Constructor<T> = new (...args: never[]) => T;

const INTAKE_DOCUMENTS = 200;
const ROUNDS = 5;
const CALLS = 1000;
const PROMPT = 'Write a one-line tagline for a spring sale on running shoes.';

/** Chunks as the intake stores them; the knowledge module's own statement once it is on main, else the same columns here. */
const OWN_INSERT = `
  INSERT INTO chunks (organization_id, dataset_id, document_id, document_version, embedding_space_id, position, text, token_count, embedding, search_vector)
  SELECT $1::uuid, $2::uuid, $3::uuid, $4::int, $5::uuid, u.position, u.text, u.token_count, u.embedding::vector, to_tsvector('english', u.text)
    FROM unnest($6::int[], $7::text[], $8::int[], $9::text[]) AS u(position, text, token_count, embedding)
  ON CONFLICT (document_id, document_version, position) DO NOTHING`;

/**
 * Documents per minute through the intake's own building blocks, one document at a time:
 * normalise (text/plain), chunk (400 tokens, 60 overlap), embed every chunk through MeteredLlm
 * (budget, price, metrics) with the offline model, store the chunks and mark the document READY.
 */
export async function intakeThroughput(app: NestFastifyApplication, db: Client, data: Synthetic, organizationId: string, progress: (m: string) => void) {
  const { chunkText } = built<{ chunkText(text: string, options?: ChunkOptions): Chunk[] }>('modules/knowledge/intake/chunker.js');
  const { normalizeDocument } = built<{ normalizeDocument(type: string, bytes: Uint8Array): Promise<NormalizedDocument> }>('modules/knowledge/intake/normalize.js');
  const { toVectorLiteral } = built<{ toVectorLiteral(v: readonly number[]): string }>('modules/llm/vectors/stored-vector.js');
  const sql = app.get(built<{ Sql: Constructor<SqlClass> }>('infra/database/sql.js').Sql);
  const llm = app.get(built<{ MeteredLlm: Constructor<Metered> }>('modules/llm/usage/metered-llm.js').MeteredLlm);
  const space = await app.get(built<{ EmbeddingSpaces: Constructor<Spaces> }>('modules/llm/vectors/embedding-spaces.js').EmbeddingSpaces).currentSpace();
  const rowsModule = join(DIST, 'modules/knowledge/chunks/chunk-rows.js');
  const insert = existsSync(rowsModule) ? (require(rowsModule) as { INSERT_CHUNKS_SQL: string }).INSERT_CHUNKS_SQL : OWN_INSERT;
  const how = `normalise, chunkText, MeteredLlm.embed, ${insert === OWN_INSERT ? "the intake's chunk INSERT (its module is not on main: same statement here)" : 'INSERT_CHUNKS_SQL'}, one document at a time`;

  const dataset = (await db.query<{ id: string }>("INSERT INTO datasets (organization_id, name, updated_at) VALUES ($1, 'intake bench', now()) RETURNING id", [organizationId])).rows[0].id;
  const texts = Array.from({ length: INTAKE_DOCUMENTS }, () => data.document(8));
  let chunks = 0;
  const at = performance.now();
  for (const text of texts) {
    const document = await sql.maybeOne<{ id: string }>(
      "INSERT INTO documents (organization_id, dataset_id, source, status, version, updated_at) VALUES ($1::uuid, $2::uuid, 'TEXT', 'EMBEDDING', 1, now()) RETURNING id",
      [organizationId, dataset],
    );
    const normalized = await normalizeDocument('text/plain; charset=utf-8', Buffer.from(text));
    const pieces = chunkText(normalized.text);
    const answer = await llm.embed({ organizationId }, pieces.map((p) => p.text));
    await sql.count(insert, [
      organizationId,
      dataset,
      document!.id,
      1,
      space.id,
      pieces.map((p) => p.position),
      pieces.map((p) => p.text),
      pieces.map((p) => p.tokenCount),
      answer.embeddings.map((e) => toVectorLiteral(e)),
    ]);
    await sql.count("UPDATE documents SET status = 'READY', chunk_count = $2, embedding_tokens = $3, ready_at = now() WHERE id = $1::uuid", [document!.id, pieces.length, answer.usage.inputTokens]);
    chunks += pieces.length;
  }
  const seconds = (performance.now() - at) / 1000;
  progress(`intake: ${INTAKE_DOCUMENTS} documents (${chunks} chunks) in ${seconds.toFixed(1)} s`);
  return { documents: INTAKE_DOCUMENTS, chunks, documentsPerMinute: (INTAKE_DOCUMENTS / seconds) * 60, how };
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
