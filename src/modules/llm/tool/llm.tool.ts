import type { JSONSchema7 } from '@ai-sdk/provider';
import { validatePlain } from '../../../common/validation/validate-plain';
import { ToolProvider } from '../../tools/tool.decorator';
import type { ToolAction, ToolCallContext, ToolDefinition } from '../../tools/tool.types';
import type { LlmTextRequest } from '../llm.types';
import { MeteredLlm, modelUsageOf } from '../usage/metered-llm';
import { LlmEmbedInput, LlmGenerateInput } from './llm-tool.dto';

/** What `llm.generate` answers, as recorded in the step log (and replayed from it on a retry). */
export interface LlmGenerateOutput {
  text: string;
  /** Set when a schema was asked for: the parsed object, not yet validated against the caller's DTO. */
  object?: unknown;
  toolCalls: { toolCallId: string; toolName: string; input: Record<string, unknown> }[];
  finishReason: string;
  provider: string;
  model: string;
  usage: { inputTokens: number; outputTokens: number };
  costUsd: number | null;
}

export interface LlmEmbedOutput {
  embeddings: number[][];
  provider: string;
  model: string;
  usage: { inputTokens: number; outputTokens: number };
  costUsd: number | null;
}

/**
 * The model as a tool: every model call an agent makes is a step of its run (`llm.generate`,
 * `llm.embed`), recorded by the recording proxy with provider, model, tokens and cost, and replayed
 * from the step log on a retry, so a model is never called (nor billed) twice for one step.
 */
@ToolProvider()
export class LlmTool implements ToolDefinition {
  readonly name = 'llm';
  readonly description = 'The configured language model: generate text, objects or tool calls; embed texts';
  readonly actions: Record<string, ToolAction>;

  constructor(private readonly llm: MeteredLlm) {
    this.actions = {
      generate: { description: 'One model turn: text, a schema-shaped object, or tool calls', input: LlmGenerateInput, execute: (input, context) => this.generate(input, context) },
      embed: { description: 'Embeddings of a batch of texts, in order', input: LlmEmbedInput, execute: (input, context) => this.embed(input, context) },
    };
  }

  private async generate(raw: Record<string, unknown>, context: ToolCallContext): Promise<LlmGenerateOutput> {
    const input = await validatePlain(LlmGenerateInput, raw, 'input', 'llm.generate input');
    const request = requestOf(input, context.signal);
    const scope = { organizationId: context.organizationId };
    if (input.schema) {
      const answer = await this.llm.generateJson(scope, input.schema as JSONSchema7, input.schemaName ?? 'answer', request);
      context.reportModelUsage(modelUsageOf(answer));
      return { text: '', object: answer.object, toolCalls: [], finishReason: 'stop', provider: answer.provider, model: answer.model, usage: answer.usage, costUsd: answer.costUsd };
    }
    const answer = input.stream
      ? await this.llm.streamText(scope, request, (delta) => context.emitTextDelta?.(delta))
      : await this.llm.generateText(scope, request);
    context.reportModelUsage(modelUsageOf(answer));
    const { toolCalls, finishReason } = answer;
    return { text: answer.text, toolCalls, finishReason, provider: answer.provider, model: answer.model, usage: answer.usage, costUsd: answer.costUsd };
  }

  private async embed(raw: Record<string, unknown>, context: ToolCallContext): Promise<LlmEmbedOutput> {
    const input = await validatePlain(LlmEmbedInput, raw, 'input', 'llm.embed input');
    const answer = await this.llm.embed({ organizationId: context.organizationId }, input.values, { abortSignal: context.signal });
    context.reportModelUsage(modelUsageOf(answer));
    return { embeddings: answer.embeddings, provider: answer.provider, model: answer.model, usage: answer.usage, costUsd: answer.costUsd };
  }
}

function requestOf(input: LlmGenerateInput, abortSignal: AbortSignal): LlmTextRequest {
  const prompt = (input.prompt ?? input.messages) as LlmTextRequest['prompt'];
  const tools = input.tools as Record<string, { description: string; inputSchema: JSONSchema7 }> | undefined;
  return { system: input.system, prompt, maxOutputTokens: input.maxOutputTokens, temperature: input.temperature, model: input.model, abortSignal, tools, toolChoice: tools ? input.toolChoice : undefined };
}
