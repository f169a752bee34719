import type { JSONSchema7 } from '@ai-sdk/provider';
import { dtoJsonSchema } from '../../common/validation/dto-json-schema';
import { validatePlain } from '../../common/validation/validate-plain';
import { ValidationFailedError } from '../../common/errors/domain-errors';
import { ModelOutputInvalidError } from './agent-errors';
import type { ToolInvoker } from './agent.types';
import type { ModelEmbeddings, ModelInvoker, ModelObject, ModelRequest, ModelText, ModelToolResult, ModelToolRun } from './model-invoker';

/** A tool the model may be offered: its description and input schema, from the tool registry. */
export type ToolDescriber = (tool: string) => { description: string; inputSchema: JSONSchema7 };

interface GenerateOutput extends ModelText {
  object?: unknown;
  toolCalls: { toolCallId: string; toolName: string; input: Record<string, unknown> }[];
  finishReason: string;
}

const DEFAULT_MAX_TURNS = 6;

/**
 * How agent code talks to the model: every call is a step of the run through the recording proxy
 * (tool `llm`), so it is recorded with its tokens and cost and replayed on a retry. Tool calling
 * runs the loop here, one recorded step per model turn and per tool call, rather than inside the
 * AI SDK: each step is then replayable on its own, and the proxy checks each call against the
 * agent's declared tools.
 */
export class RunModel implements ModelInvoker {
  constructor(private readonly tools: ToolInvoker, private readonly describe: ToolDescriber) {}

  async generateText(request: ModelRequest & { stream?: boolean }): Promise<ModelText> {
    const { text, provider, model, usage, costUsd } = await this.generate(request, request.stream ? { stream: true } : {});
    return { text, provider, model, usage, costUsd };
  }

  /** An instance of `dto`: the model is given its JSON schema, and the answer is validated against it. */
  async generateObject<T extends object>(dto: new () => T, request: ModelRequest): Promise<ModelObject<T>> {
    const answer = await this.generate(request, { schema: dtoJsonSchema(dto), schemaName: dto.name });
    try {
      const object = await validatePlain(dto, answer.object, 'output', `${dto.name} from the model`);
      return { object, provider: answer.provider, model: answer.model, usage: answer.usage, costUsd: answer.costUsd };
    } catch (error) {
      if (error instanceof ValidationFailedError) throw new ModelOutputInvalidError(error.message);
      throw error;
    }
  }

  async embed(values: string[]): Promise<ModelEmbeddings> {
    return this.tools.call<ModelEmbeddings>('llm', 'embed', { values });
  }

  /**
   * Lets the model call `tools` (`<tool>.<action>` names the agent declares) until it answers in
   * text; the last allowed turn offers no tools, so the loop always ends with an answer.
   */
  async generateWithTools(request: ModelRequest & { tools: string[]; maxTurns?: number }): Promise<ModelToolRun> {
    const maxTurns = request.maxTurns ?? DEFAULT_MAX_TURNS;
    const offered = new Map(request.tools.map((name) => [modelFacingName(name), name]));
    const declarations = Object.fromEntries([...offered].map(([facing, name]) => [facing, this.describe(name)]));
    const messages: Record<string, unknown>[] = typeof request.prompt === 'string' ? [{ role: 'user', content: request.prompt }] : [...request.prompt];
    const toolResults: ModelToolResult[] = [];
    const usage = { inputTokens: 0, outputTokens: 0 };
    let costUsd: number | null = 0;
    for (let turn = 1; ; turn++) {
      const last = turn >= maxTurns;
      const answer = await this.generate({ ...request, prompt: messages }, { tools: declarations, toolChoice: last ? 'none' : 'auto' });
      usage.inputTokens += answer.usage.inputTokens;
      usage.outputTokens += answer.usage.outputTokens;
      costUsd = costUsd === null || answer.costUsd === null ? null : costUsd + answer.costUsd;
      if (answer.toolCalls.length === 0 || last) {
        return { text: answer.text, provider: answer.provider, model: answer.model, usage, costUsd, turns: turn, toolResults };
      }
      messages.push({ role: 'assistant', content: answer.toolCalls.map((c) => ({ type: 'tool-call', toolCallId: c.toolCallId, toolName: c.toolName, input: c.input })) });
      const results: Record<string, unknown>[] = [];
      for (const call of answer.toolCalls) {
        const name = offered.get(call.toolName);
        if (!name) throw new ModelOutputInvalidError(`the model asked for tool ${call.toolName}, which was not offered`);
        const [tool, action] = name.split('.');
        const output = await this.tools.call(tool, action, call.input);
        toolResults.push({ tool: name, input: call.input, output });
        results.push({ type: 'tool-result', toolCallId: call.toolCallId, toolName: call.toolName, output: { type: 'json', value: output ?? null } });
      }
      messages.push({ role: 'tool', content: results });
    }
  }

  private generate(request: ModelRequest, extra: Record<string, unknown> = {}): Promise<GenerateOutput> {
    const { system, prompt, maxOutputTokens, temperature, model } = request;
    const body = { system, maxOutputTokens, temperature, model, ...(typeof prompt === 'string' ? { prompt } : { messages: prompt }), ...extra };
    // Absent fields stay absent in the recorded step input.
    const input = Object.fromEntries(Object.entries(body).filter(([, value]) => value !== undefined));
    return this.tools.call<GenerateOutput>('llm', 'generate', input);
  }
}

/** Providers accept tool names of letters, digits, _ and - only: `knowledge.search` is offered as `knowledge__search`. */
export function modelFacingName(tool: string): string {
  return tool.replace(/\./g, '__');
}
