import { NotFoundError } from '../../common/errors/domain-errors';
import { validatePlain } from '../../common/validation/validate-plain';
import { HybridSearch } from '../knowledge/search/hybrid-search';
import { MeteredLlm, modelUsageOf } from '../llm/usage/metered-llm';
import { EmbeddingSpaces } from '../llm/vectors/embedding-spaces';
import { ToolProvider } from '../tools/tool.decorator';
import type { ToolAction, ToolCallContext, ToolDefinition } from '../tools/tool.types';
import { AgentMemories } from './agent-memories.repository';
import { RecallInput, RememberInput } from './dto/memory-inputs';
import { memoryIdFor } from './memory-id';

const DEFAULT_RECALL_K = 5;

export interface RecalledMemory {
  id: string;
  text: string;
  tags: string[];
  score: number;
  createdAt: string;
}

/**
 * An agent's long-term memory, per organization and agent: `remember` embeds a text and keeps it,
 * `recall` answers the memories nearest a question (hybrid search, like knowledge chunks). The
 * agent is the one the calling run belongs to, so an agent only ever recalls its own memories.
 */
@ToolProvider()
export class MemoryTool implements ToolDefinition {
  readonly name = 'memory';
  readonly description = "The calling agent's memory for its organization: remember texts, recall the ones nearest a question";
  readonly actions: Record<string, ToolAction>;

  constructor(
    private readonly llm: MeteredLlm,
    private readonly spaces: EmbeddingSpaces,
    private readonly memories: AgentMemories,
    private readonly search: HybridSearch,
  ) {
    this.actions = {
      remember: {
        description: 'Keeps a text (1 to 10,000 characters, up to 20 tags) for later recall; answers its memoryId',
        input: RememberInput,
        execute: (input, context) => this.remember(input, context),
      },
      recall: {
        description: 'Answers the k (default 5, at most 20) memories nearest a query, only those carrying every tag given if any',
        input: RecallInput,
        execute: (input, context) => this.recall(input, context),
      },
    };
  }

  private async remember(raw: Record<string, unknown>, context: ToolCallContext): Promise<{ memoryId: string }> {
    const input = await validatePlain(RememberInput, raw, 'input', 'memory.remember input');
    const agentId = await this.agentOf(context);
    const [space, answer] = await Promise.all([this.spaces.currentSpace(), this.llm.embed({ organizationId: context.organizationId }, [input.text], { abortSignal: context.signal })]);
    context.reportModelUsage(modelUsageOf(answer));
    const memoryId = memoryIdFor(context.idempotencyKey);
    await this.memories.insert({
      id: memoryId,
      organizationId: context.organizationId,
      agentId,
      text: input.text,
      tags: [...new Set(input.tags ?? [])],
      embedding: answer.embeddings[0],
      embeddingSpaceId: space.id,
    });
    return { memoryId };
  }

  private async recall(raw: Record<string, unknown>, context: ToolCallContext): Promise<{ memories: RecalledMemory[] }> {
    const input = await validatePlain(RecallInput, raw, 'input', 'memory.recall input');
    const agentId = await this.agentOf(context);
    const [space, answer] = await Promise.all([this.spaces.currentSpace(), this.llm.embed({ organizationId: context.organizationId }, [input.query], { abortSignal: context.signal })]);
    context.reportModelUsage(modelUsageOf(answer));
    const hits = await this.search.search({
      table: 'agent_memories',
      organizationId: context.organizationId,
      agentId,
      tags: input.tags,
      embeddingSpaceId: space.id,
      queryVector: answer.embeddings[0],
      queryText: input.query,
      k: input.k ?? DEFAULT_RECALL_K,
    });
    return { memories: hits.map((hit) => ({ id: hit.id, text: hit.text, tags: hit.tags, score: hit.score, createdAt: hit.createdAt.toISOString() })) };
  }

  private async agentOf(context: ToolCallContext): Promise<string> {
    const agentId = await this.memories.agentOfRun(context.runId, context.organizationId);
    if (!agentId) throw new NotFoundError('run', context.runId);
    return agentId;
  }
}
