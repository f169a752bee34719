import type {
  LanguageModelV3,
  LanguageModelV3CallOptions,
  LanguageModelV3FinishReason,
  LanguageModelV3GenerateResult,
  LanguageModelV3StreamPart,
  LanguageModelV3StreamResult,
  LanguageModelV3Text,
  LanguageModelV3ToolCall,
  LanguageModelV3Usage,
} from '@ai-sdk/provider';
import { countTokens } from 'gpt-tokenizer';
import { failOnMarker, MALFORMED_OUTPUT, OFFLINE_MARKERS } from './offline-markers';
import { offlineToolCalls } from './offline-tool-calls';
import { PromptMaterial, promptMaterial, sourceText } from './prompt-material';
import { fillSchema } from './schema-filler';

export const OFFLINE_PROVIDER = 'offline';

interface OfflineAnswer {
  content: Array<LanguageModelV3Text | LanguageModelV3ToolCall>;
  finishReason: LanguageModelV3FinishReason;
  usage: LanguageModelV3Usage;
}

/**
 * A deterministic language model behind the AI SDK's own interface, so tests and development run
 * the production code path (generateText, Output.object, streamText, tool calls) without a
 * network. Answers are templates over the prompt's material; a JSON call with a schema gets that
 * schema filled from the material; offered tools are called before answering (offline-tool-calls.ts);
 * failure markers (offline-markers.ts) fail it on demand.
 */
export class OfflineLanguageModel implements LanguageModelV3 {
  readonly specificationVersion = 'v3';
  readonly provider = OFFLINE_PROVIDER;
  readonly supportedUrls = {};

  constructor(readonly modelId: string) {}

  async doGenerate(options: LanguageModelV3CallOptions): Promise<LanguageModelV3GenerateResult> {
    const { content, finishReason, usage } = await this.answer(options);
    return { content, finishReason, usage, response: { id: 'offline', modelId: this.modelId }, warnings: [] };
  }

  async doStream(options: LanguageModelV3CallOptions): Promise<LanguageModelV3StreamResult> {
    const { content, finishReason, usage } = await this.answer(options);
    const parts: LanguageModelV3StreamPart[] = [
      { type: 'stream-start', warnings: [] },
      { type: 'response-metadata', id: 'offline', modelId: this.modelId },
      ...content.flatMap(streamPartsOf),
      { type: 'finish', usage, finishReason },
    ];
    return {
      stream: new ReadableStream<LanguageModelV3StreamPart>({
        pull(controller) {
          if (options.abortSignal?.aborted) return controller.error(options.abortSignal.reason);
          const part = parts.shift();
          if (part) controller.enqueue(part);
          else controller.close();
        },
      }),
    };
  }

  private async answer(options: LanguageModelV3CallOptions): Promise<OfflineAnswer> {
    const material = promptMaterial(options.prompt);
    await failOnMarker(material.allText, options.abortSignal);
    options.abortSignal?.throwIfAborted();
    const calls = offlineToolCalls(options, material);
    if (calls.length > 0) {
      return { content: calls, finishReason: { unified: 'tool-calls', raw: 'tool_calls' }, usage: usageOf(material.allText, calls.map((call) => call.input).join('\n')) };
    }
    const text = material.allText.includes(OFFLINE_MARKERS.malformed) ? MALFORMED_OUTPUT : compose(material, options.responseFormat);
    return { content: [{ type: 'text', text }], finishReason: { unified: 'stop', raw: 'stop' }, usage: usageOf(material.allText, text) };
  }
}

/** The stream a provider sends for one piece of content: word-sized text deltas, or a tool call's input in one delta. */
function streamPartsOf(part: LanguageModelV3Text | LanguageModelV3ToolCall, index: number): LanguageModelV3StreamPart[] {
  if (part.type === 'tool-call') {
    const id = part.toolCallId;
    return [{ type: 'tool-input-start', id, toolName: part.toolName }, { type: 'tool-input-delta', id, delta: part.input }, { type: 'tool-input-end', id }, part];
  }
  // Deltas that concatenate to exactly the text doGenerate answers.
  const id = String(index);
  const deltas = part.text.match(/\S+\s*|\s+/g) ?? [];
  return [{ type: 'text-start', id }, ...deltas.map((delta): LanguageModelV3StreamPart => ({ type: 'text-delta', id, delta })), { type: 'text-end', id }];
}

function compose(material: PromptMaterial, format: LanguageModelV3CallOptions['responseFormat']): string {
  if (format?.type === 'json') {
    return JSON.stringify(format.schema ? fillSchema(format.schema, sourceText(material)) : { answer: replyTo(material) });
  }
  return replyTo(material);
}

/** The text template: it quotes what was asked, what tools returned, and the instructions when there are any. */
export function replyTo(material: PromptMaterial): string {
  const oneLine = (text: string) => text.trim().replace(/\s+/g, ' ');
  const asked = oneLine(material.lastUser) || '(nothing)';
  const results = material.toolResults.map((result) => `${result.toolName}: ${oneLine(result.text)}`).join('; ');
  const instructions = oneLine(material.system);
  return `Offline answer to: ${asked}${results ? ` (using ${results})` : ''}${instructions ? ` (following: ${instructions})` : ''}`;
}

function usageOf(input: string, output: string): LanguageModelV3Usage {
  const inputTokens = countTokens(input);
  const outputTokens = countTokens(output);
  return {
    inputTokens: { total: inputTokens, noCache: inputTokens, cacheRead: 0, cacheWrite: 0 },
    outputTokens: { total: outputTokens, text: outputTokens, reasoning: 0 },
  };
}
