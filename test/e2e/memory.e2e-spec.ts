import { IsIn, IsObject } from 'class-validator';
import { Agent } from '../../src/modules/agents/agent.decorator';
import type { AgentHandler, AgentRunContext } from '../../src/modules/agents/agent.types';
import { bearer } from '../support/app';
import { useE2eApp } from '../support/e2e-context';

class MemoryCallInput {
  @IsIn(['remember', 'recall']) action!: 'remember' | 'recall';
  @IsObject() args!: Record<string, unknown>;
}

/** One memory tool call per run, as asked: what an agent would do between model turns. */
async function callMemory(input: MemoryCallInput, context: AgentRunContext): Promise<unknown> {
  return context.tools.call('memory', input.action, input.args);
}

const KEEPER = 'e2e.memory_keeper';
const NEIGHBOUR = 'e2e.memory_neighbour';

@Agent({ name: KEEPER, kind: 'CONTENT', description: 'Test agent: one memory call per run', input: MemoryCallInput, tools: ['memory.*'], policy: { maxAttempts: 1 } })
class MemoryKeeperAgent implements AgentHandler<MemoryCallInput> {
  run = callMemory;
}

@Agent({ name: NEIGHBOUR, kind: 'CONTENT', description: 'Test agent: another agent of the same organization', input: MemoryCallInput, tools: ['memory.*'], policy: { maxAttempts: 1 } })
class MemoryNeighbourAgent implements AgentHandler<MemoryCallInput> {
  run = callMemory;
}

interface Recalled {
  memories: Array<{ id: string; text: string; tags: string[]; score: number; createdAt: string }>;
}

describe('memory tool through agent runs', () => {
  const sut = useE2eApp({ providers: [MemoryKeeperAgent, MemoryNeighbourAgent] });

  const run = async <T>(agent: string, action: 'remember' | 'recall', args: Record<string, unknown>, apiKey = sut.apiKey) => {
    const res = await sut.http.post('/v1/runs').set(bearer(apiKey)).send({ agent, input: { action, args } }).expect(201);
    expect(res.body).toMatchObject({ status: 'COMPLETED' });
    return { runId: res.body.id as string, output: res.body.output as T };
  };

  let memoryId: string;

  beforeAll(async () => {
    await run(KEEPER, 'remember', { text: 'The Berlin office closes early on Fridays.', tags: ['office'] });
    memoryId = (await run<{ memoryId: string }>(KEEPER, 'remember', { text: 'Acme Corp wants product launch emails on Tuesday mornings.', tags: ['acme', 'email'] })).output.memoryId;
    await run(KEEPER, 'remember', { text: 'Newsletters go out on the first Monday of each month.' });
  });

  it('should recall in a later run what the same agent remembered, nearest first, with its tags', async () => {
    const { output } = await run<Recalled>(KEEPER, 'recall', { query: 'When should Acme get launch emails?', k: 2 });

    expect(output.memories).toHaveLength(2);
    expect(output.memories[0]).toMatchObject({ id: memoryId, text: 'Acme Corp wants product launch emails on Tuesday mornings.', tags: ['acme', 'email'] });
    expect(Date.parse(output.memories[0].createdAt)).not.toBeNaN();
  });

  it('should record the embedding model on each memory step and add its tokens to the run', async () => {
    const { runId } = await run<Recalled>(KEEPER, 'recall', { query: 'office hours on Friday' });

    const step = await sut.sql.query('SELECT provider, model, input_tokens FROM tool_executions WHERE run_id = $1', [runId]);
    const totals = await sut.sql.query('SELECT input_tokens FROM agent_runs WHERE id = $1', [runId]);
    expect(step.rows).toEqual([{ provider: 'offline', model: sut.config.llm.embeddingModel, input_tokens: expect.any(Number) }]);
    expect(step.rows[0].input_tokens).toBeGreaterThan(0);
    expect(totals.rows[0].input_tokens).toBe(step.rows[0].input_tokens);
  });

  it('should keep memories to the agent that made them and its organization', async () => {
    const stored = await sut.sql.query(
      'SELECT m.organization_id, a.name AS agent, m.embedding_space_id IS NOT NULL AS embedded, m.search_vector IS NOT NULL AS indexed FROM agent_memories m JOIN agents a ON a.id = m.agent_id WHERE m.id = $1',
      [memoryId],
    );
    expect(stored.rows).toEqual([{ organization_id: sut.organizationId, agent: KEEPER, embedded: true, indexed: true }]);
  });

  it('should recall nothing for another agent of the same organization', async () => {
    const { output } = await run<Recalled>(NEIGHBOUR, 'recall', { query: 'When should Acme get launch emails?' });

    expect(output.memories).toEqual([]);
  });

  it('should recall nothing for the same agent in another organization', async () => {
    const other = await sut.tenant('memory');

    const { output } = await run<Recalled>(KEEPER, 'recall', { query: 'When should Acme get launch emails?' }, other.apiKey);

    expect(output.memories).toEqual([]);
  });

  it('should recall only memories carrying every tag asked for', async () => {
    const tagged = await run<Recalled>(KEEPER, 'recall', { query: 'emails', tags: ['acme', 'email'] });
    const untagged = await run<Recalled>(KEEPER, 'recall', { query: 'emails', tags: ['acme', 'office'] });

    expect(tagged.output.memories.map((m) => m.id)).toEqual([memoryId]);
    expect(untagged.output.memories).toEqual([]);
  });

  it('should fail the run on input the tool refuses, naming the field, and keep nothing', async () => {
    const before = await sut.sql.query('SELECT count(*)::int AS n FROM agent_memories');

    const res = await sut.http.post('/v1/runs').set(bearer(sut.apiKey)).send({ agent: KEEPER, input: { action: 'remember', args: { text: '' } } });

    expect(res.body).toMatchObject({ status: 'FAILED', error: { class: 'ValidationFailedError', message: expect.stringContaining('input.text') } });
    expect((await sut.sql.query('SELECT count(*)::int AS n FROM agent_memories')).rows).toEqual(before.rows);
  });
});
