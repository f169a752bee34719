import { jsonSchema, tool, type ToolChoice, type ToolSet } from 'ai';
import { LlmError } from './llm-error';
import type { CallContext } from './llm-error-mapping';
import type { LlmTextRequest, LlmToolCall } from './llm.types';

/** A tool call as the AI SDK reports it; `invalid` when it named no offered tool or its input was not JSON. */
export interface ModelToolCall {
  toolCallId: string;
  toolName: string;
  input: unknown;
  invalid?: boolean;
  error?: unknown;
}

type Where = Pick<CallContext, 'provider' | 'model'>;

/**
 * The AI SDK options for a request's tools. Tools are declared without `execute`: the SDK then
 * returns the calls instead of running them, and ends the call after the model's turn (the caller
 * executes each call as one recorded step, then asks again with the results).
 * A request that cannot be sent as it is (a non-object schema, a forced tool that is not offered)
 * is INVALID_REQUEST before anything reaches the provider.
 */
export function toolOptionsOf(request: LlmTextRequest, where: Where): { tools?: ToolSet; toolChoice?: ToolChoice<ToolSet> } {
  const offered = Object.entries(request.tools ?? {});
  const choice = request.toolChoice;
  if (offered.length === 0) {
    if (choice === 'required' || typeof choice === 'object') throw invalidRequest('toolChoice forces a tool call, but no tools are offered', where);
    return {};
  }
  for (const [name, definition] of offered) {
    // Every provider requires an object schema for a function's input (OpenAI `parameters`, Anthropic `input_schema`).
    if (definition.inputSchema.type !== 'object') throw invalidRequest(`tool ${name} must declare an object inputSchema`, where);
  }
  if (typeof choice === 'object' && !offered.some(([name]) => name === choice.toolName)) {
    throw invalidRequest(`toolChoice names ${choice.toolName}, which is not an offered tool`, where);
  }
  const tools: ToolSet = Object.fromEntries(
    offered.map(([name, definition]) => [name, tool({ description: definition.description, inputSchema: jsonSchema<Record<string, unknown>>(definition.inputSchema) })]),
  );
  return { tools, toolChoice: typeof choice === 'object' ? { type: 'tool', toolName: choice.toolName } : choice };
}

/**
 * The model's calls, each checked before any caller could execute it: a call to a tool that was not
 * offered, or with an input that is not a JSON object, is INVALID_OUTPUT (the model broke the
 * contract; executing a guess would be worse than failing the step).
 */
export function acceptToolCalls(calls: readonly ModelToolCall[], request: LlmTextRequest, where: Where): LlmToolCall[] {
  return calls.map((call) => {
    if (call.invalid || !request.tools || !Object.hasOwn(request.tools, call.toolName)) {
      // The cause (NoSuchToolError, InvalidToolInputError) names the tool; the message stays free of model output.
      throw new LlmError('INVALID_OUTPUT', `${where.provider} answered with a tool call that was not offered or could not be read`, { ...where }, { cause: call.error });
    }
    if (!isJsonObject(call.input)) {
      throw new LlmError('INVALID_OUTPUT', `${where.provider} answered with a tool call whose input is not a JSON object`, { ...where });
    }
    return { toolCallId: call.toolCallId, toolName: call.toolName, input: call.input };
  });
}

function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function invalidRequest(reason: string, where: Where): LlmError {
  return new LlmError('INVALID_REQUEST', `${where.provider} call not sent: ${reason}`, { ...where });
}
