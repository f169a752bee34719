import { strictMock, type StrictMock } from '../../../../test/support/strict-double';
import { ValidationFailedError } from '../../../common/errors/domain-errors';
import { dtoJsonSchema } from '../../../common/validation/dto-json-schema';
import type { ToolCallContext } from '../../tools/tool.types';
import { KnowledgeSearchInput } from '../dto/search.dto';
import { KnowledgeSearch, type SearchOptions } from '../knowledge-search';
import { KnowledgeSearchTool } from './knowledge-search.tool';

const DATASET = '7f0c2d9e-0b7a-4c51-9d3e-2b8f6a1c4e10';
const ANSWER = { embeddings: [[1, 0]], usage: { inputTokens: 6, outputTokens: 0 }, provider: 'offline', model: 'offline-feature-hash', costUsd: 0 };

describe(KnowledgeSearchTool.name, () => {
  let knowledge: StrictMock<KnowledgeSearch>;
  let context: ToolCallContext & { reportModelUsage: jest.Mock };
  let sut: KnowledgeSearchTool;

  beforeEach(() => {
    knowledge = strictMock<KnowledgeSearch>('KnowledgeSearch', ['search']);
    context = { organizationId: 'org-1', runId: 'run-1', agent: 'writer', step: 1, idempotencyKey: 'k', signal: new AbortController().signal, reportModelUsage: jest.fn() };
    sut = new KnowledgeSearchTool(knowledge);
  });

  it("should search within the caller's organization and report the query embedding to the step", async () => {
    knowledge.search.mockImplementation(async (_org: string, _query: unknown, options: SearchOptions) => {
      options.inRun?.(ANSWER);
      return [];
    });
    await expect(sut.actions.search.execute({ query: 'shipping', k: 3, datasetId: DATASET, filter: { documentIds: [DATASET] } }, context)).resolves.toEqual({ passages: [] });
    expect(knowledge.search).toHaveBeenCalledWith('org-1', { query: 'shipping', k: 3, datasetId: DATASET, documentIds: [DATASET] }, expect.objectContaining({ signal: context.signal }));
    expect(context.reportModelUsage).toHaveBeenCalledWith({ provider: 'offline', model: 'offline-feature-hash', inputTokens: 6, outputTokens: 0, costUsd: 0 });
  });

  it.each([
    ['no query', {}, 'input.query'],
    ['a query of spaces', { query: '  ' }, 'input.query'],
    ['k over 20', { query: 'x', k: 21 }, 'input.k'],
    ['a dataset id that is not a uuid', { query: 'x', datasetId: 'demo' }, 'input.datasetId'],
    ['an unknown field', { query: 'x', table: 'agent_memories' }, 'input.table'],
  ])('should refuse %s before searching', async (_, input, field) => {
    const refused = await sut.actions.search.execute(input, context).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ValidationFailedError);
    expect((refused as ValidationFailedError).fields).toContain(field);
  });

  it('should show a model the schema of its input', () => {
    const schema = dtoJsonSchema(sut.actions.search.input!);
    expect(sut.actions.search.input).toBe(KnowledgeSearchInput);
    expect(Object.keys(schema.properties ?? {}).sort()).toEqual(['datasetId', 'filter', 'k', 'query']);
    expect(schema.required).toEqual(['query']);
  });
});
