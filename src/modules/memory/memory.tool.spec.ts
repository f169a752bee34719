import { NotFoundError, ValidationFailedError } from '../../common/errors/domain-errors';
import { strictDouble, strictMock } from '../../../test/support/strict-double';
import type { HybridSearch } from '../knowledge/search/hybrid-search';
import type { MeteredLlm } from '../llm/usage/metered-llm';
import type { EmbeddingSpaces } from '../llm/vectors/embedding-spaces';
import type { ToolCallContext } from '../tools/tool.types';
import type { AgentMemories } from './agent-memories.repository';
import { memoryIdFor } from './memory-id';
import { MemoryTool } from './memory.tool';

const EMBEDDED = { embeddings: [[0.6, 0.8]], usage: { inputTokens: 7, outputTokens: 0 }, provider: 'offline', model: 'offline-feature-hash', costUsd: 0 };

function setup() {
  const llm = strictMock<MeteredLlm>('MeteredLlm', ['embed']);
  llm.embed.mockResolvedValue(EMBEDDED);
  const spaces = strictDouble<EmbeddingSpaces>('EmbeddingSpaces', { currentSpace: jest.fn().mockResolvedValue({ id: 'space-1', provider: 'offline', model: 'offline-feature-hash', dimensions: 1536 }) });
  const memories = strictMock<AgentMemories>('AgentMemories', ['agentOfRun', 'insert']);
  memories.agentOfRun.mockResolvedValue('agent-1');
  memories.insert.mockResolvedValue(undefined);
  const search = strictMock<HybridSearch>('HybridSearch', ['search']);
  const context: ToolCallContext = {
    organizationId: 'org-1',
    runId: 'run-1',
      agent: 'writer',
    step: 2,
    idempotencyKey: 'run-1:2',
    signal: new AbortController().signal,
    reportModelUsage: jest.fn(),
  };
  return { llm, memories, search, context, sut: new MemoryTool(llm, spaces, memories, search) };
}

describe(MemoryTool.name, () => {
  it('should embed a text for the organization, report the usage and keep it for the run\'s agent under an id derived from the call', async () => {
    const { sut, llm, memories, context } = setup();

    const answer = await sut.actions.remember.execute({ text: 'Acme wants emails on Tuesdays', tags: ['acme', 'email', 'acme'] }, context);

    expect(answer).toEqual({ memoryId: memoryIdFor('run-1:2') });
    expect(memories.agentOfRun).toHaveBeenCalledWith('run-1', 'org-1');
    expect(llm.embed).toHaveBeenCalledWith({ organizationId: 'org-1' }, ['Acme wants emails on Tuesdays'], { abortSignal: context.signal });
    expect(context.reportModelUsage).toHaveBeenCalledWith({ provider: 'offline', model: 'offline-feature-hash', inputTokens: 7, outputTokens: 0, costUsd: 0 });
    expect(memories.insert).toHaveBeenCalledWith({
      id: memoryIdFor('run-1:2'),
      organizationId: 'org-1',
      agentId: 'agent-1',
      text: 'Acme wants emails on Tuesdays',
      tags: ['acme', 'email'],
      embedding: [0.6, 0.8],
      embeddingSpaceId: 'space-1',
    });
  });

  it('should recall the agent\'s memories nearest the query, five unless asked, in the current embedding space', async () => {
    const { sut, search, context } = setup();
    search.search.mockResolvedValue([{ id: 'm-1', text: 'Acme wants emails on Tuesdays', tags: ['acme'], score: 0.03, vectorRank: 1, textRank: 1, agentId: 'agent-1', createdAt: new Date('2026-11-29T10:00:00Z') }]);

    const answer = await sut.actions.recall.execute({ query: 'When does Acme want email?', tags: ['acme'] }, context);

    expect(answer).toEqual({ memories: [{ id: 'm-1', text: 'Acme wants emails on Tuesdays', tags: ['acme'], score: 0.03, createdAt: '2026-11-29T10:00:00.000Z' }] });
    expect(search.search).toHaveBeenCalledWith({
      table: 'agent_memories',
      organizationId: 'org-1',
      agentId: 'agent-1',
      tags: ['acme'],
      embeddingSpaceId: 'space-1',
      queryVector: [0.6, 0.8],
      queryText: 'When does Acme want email?',
      k: 5,
    });
    expect(context.reportModelUsage).toHaveBeenCalledTimes(1);
  });

  it.each([
    ['remember', {}, 'input.text'],
    ['remember', { text: '   ' }, 'input.text'],
    ['remember', { text: 'x'.repeat(10_001) }, 'input.text'],
    ['remember', { text: 'ok', tags: Array(21).fill('t') }, 'input.tags'],
    ['remember', { text: 'ok', tags: ['t'.repeat(65)] }, 'input.tags'],
    ['remember', { text: 'ok', extra: true }, 'input.extra'],
    ['recall', { query: '' }, 'input.query'],
    ['recall', { query: 'q'.repeat(2_001) }, 'input.query'],
    ['recall', { query: 'ok', k: 21 }, 'input.k'],
    ['recall', { query: 'ok', k: 0 }, 'input.k'],
  ])('should refuse memory.%s input %j naming %s, before any model call', async (action, input, field) => {
    const { sut, llm, context } = setup();

    const error = await sut.actions[action].execute(input as Record<string, unknown>, context).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ValidationFailedError);
    expect((error as ValidationFailedError).fields).toContain(field);
    expect(llm.embed).not.toHaveBeenCalled();
  });

  it('should refuse a call whose run is not the organization\'s', async () => {
    const { sut, memories, llm, context } = setup();
    memories.agentOfRun.mockResolvedValue(null);

    await expect(sut.actions.recall.execute({ query: 'anything' }, context)).rejects.toBeInstanceOf(NotFoundError);
    expect(llm.embed).not.toHaveBeenCalled();
  });
});
