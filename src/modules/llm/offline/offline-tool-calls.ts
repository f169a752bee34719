import type { LanguageModelV3CallOptions, LanguageModelV3FunctionTool, LanguageModelV3ToolCall } from '@ai-sdk/provider';
import { MALFORMED_OUTPUT, OFFLINE_MARKERS } from './offline-markers';
import { PromptMaterial, sourceText } from './prompt-material';
import { fillSchema } from './schema-filler';

/**
 * The tool calls the offline model makes this turn, or none (then it answers with text), decided
 * like a model that gathers before it answers:
 * - 'auto' (the default): each offered tool without a result in the conversation yet, once each;
 *   when every offered tool has a result, none, so the next turn is the text answer.
 * - 'none': none.
 * - 'required' / a named tool: the pending ones among those allowed, or, when all have answered,
 *   all allowed ones again: a forced choice is a call that a real API always makes, and answering
 *   text instead would fail the AI SDK's tool-choice check.
 * Inputs are the tool's inputSchema filled from the prompt's material (tool results included), so
 * the same conversation always gives the same calls. Ids are numbered by assistant turn, never
 * repeating within a conversation. The malformed marker gives each call unparseable input.
 */
export function offlineToolCalls(options: Pick<LanguageModelV3CallOptions, 'tools' | 'toolChoice'>, material: PromptMaterial): LanguageModelV3ToolCall[] {
  const offered = (options.tools ?? []).filter((tool): tool is LanguageModelV3FunctionTool => tool.type === 'function');
  const choice = options.toolChoice ?? { type: 'auto' };
  if (offered.length === 0 || choice.type === 'none') return [];
  const allowed = choice.type === 'tool' ? offered.filter((tool) => tool.name === choice.toolName) : offered;
  const answered = new Set(material.toolResults.map((result) => result.toolName));
  const pending = allowed.filter((tool) => !answered.has(tool.name));
  const calling = pending.length > 0 || choice.type === 'auto' ? pending : allowed;
  const malformed = material.allText.includes(OFFLINE_MARKERS.malformed);
  const source = sourceText(material);
  return calling.map((tool, index) => ({
    type: 'tool-call',
    toolCallId: `offline-call-${material.assistantTurns + 1}-${index + 1}`,
    toolName: tool.name,
    input: malformed ? MALFORMED_OUTPUT : JSON.stringify(fillSchema(tool.inputSchema, source)),
  }));
}
