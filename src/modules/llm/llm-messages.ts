import type { JSONValue } from '@ai-sdk/provider';
import type { AssistantModelMessage, ToolModelMessage } from 'ai';
import type { LlmTextResult } from './llm.types';

/** What the caller's execution of one tool call gave: a JSON value or text, or a failure the model should see. */
export interface LlmToolResult {
  toolCallId: string;
  toolName: string;
  output: JSONValue;
  /** The execution failed; the model is told so (and may answer around it) instead of the call being retried. */
  isError?: boolean;
}

/**
 * The model's turn, to append to a conversation before the results of its calls: providers match
 * each result to the call by id, and refuse a result whose call is missing.
 */
export function assistantTurn(result: Pick<LlmTextResult, 'text' | 'toolCalls'>): AssistantModelMessage {
  return {
    role: 'assistant',
    content: [
      ...(result.text ? [{ type: 'text' as const, text: result.text }] : []),
      ...result.toolCalls.map((call) => ({ type: 'tool-call' as const, toolCallId: call.toolCallId, toolName: call.toolName, input: call.input })),
    ],
  };
}

/** The results of a turn's tool calls, as one `tool` message. */
export function toolResults(results: LlmToolResult[]): ToolModelMessage {
  return {
    role: 'tool',
    content: results.map((result) => ({
      type: 'tool-result' as const,
      toolCallId: result.toolCallId,
      toolName: result.toolName,
      output: outputOf(result),
    })),
  };
}

function outputOf({ output, isError }: LlmToolResult) {
  if (typeof output === 'string') return isError ? { type: 'error-text' as const, value: output } : { type: 'text' as const, value: output };
  return isError ? { type: 'error-json' as const, value: output } : { type: 'json' as const, value: output };
}
