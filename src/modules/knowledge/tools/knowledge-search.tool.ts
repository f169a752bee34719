import { validatePlain } from '../../../common/validation/validate-plain';
import { modelUsageOf } from '../../llm/usage/metered-llm';
import { ToolProvider } from '../../tools/tool.decorator';
import type { ToolAction, ToolCallContext, ToolDefinition } from '../../tools/tool.types';
import { KnowledgeSearchInput } from '../dto/search.dto';
import { KnowledgeSearch, type Passage } from '../knowledge-search';

/**
 * knowledge.search: passages of the organization's datasets for a question, most relevant first.
 * Embedding the question is a model call: its tokens and cost are reported to the run's step.
 */
@ToolProvider()
export class KnowledgeSearchTool implements ToolDefinition {
  readonly name = 'knowledge';
  readonly description = "Searches the organization's knowledge base (datasets of documents) for passages relevant to a question";
  readonly actions: Record<string, ToolAction> = {
    search: {
      description: 'Input {query, k? (1-20, default 5), datasetId?, filter?: {documentIds?}}; returns {passages: [{chunkId, documentId, datasetId, documentTitle, sourceUrl, position, text, score}]}',
      input: KnowledgeSearchInput,
      execute: (input, context) => this.search(input, context),
    },
  };

  constructor(private readonly knowledge: KnowledgeSearch) {}

  private async search(input: Record<string, unknown>, context: ToolCallContext): Promise<{ passages: Passage[] }> {
    const dto = await validatePlain(KnowledgeSearchInput, input, 'input', 'knowledge.search input');
    const passages = await this.knowledge.search(
      context.organizationId,
      { query: dto.query, k: dto.k, datasetId: dto.datasetId, documentIds: dto.filter?.documentIds },
      { signal: context.signal, inRun: (answer) => context.reportModelUsage(modelUsageOf(answer)) },
    );
    return { passages };
  }
}
