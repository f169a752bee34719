import type { LanguageModelV3, LanguageModelV3CallOptions, LanguageModelV3GenerateResult, LanguageModelV3StreamPart, LanguageModelV3StreamResult, LanguageModelV3Usage } from '@ai-sdk/provider';
import { countTokens } from 'gpt-tokenizer';
import { failOnMarker, MALFORMED_OUTPUT, OFFLINE_MARKERS } from './offline-markers';
import { PromptMaterial, promptMaterial } from './prompt-material';
import { fillSchema } from './schema-filler';

export const OFFLINE_PROVIDER = 'offline';

/**
 * A deterministic language model behind the AI SDK's own interface, so tests and development run
 * the production code path (generateText, Output.object, streamText) without a network. Answers
 * are templates over the prompt's material; a JSON call with a schema gets that schema filled from
 * the material; failure markers (offline-markers.ts) fail it on demand.
 */
export class OfflineLanguageModel implements LanguageModelV3 {
  readonly specificationVersion = 'v3';
  readonly provider = OFFLINE_PROVIDER;
  readonly supportedUrls = {};

  constructor(readonly modelId: string) {}

  async doGenerate(options: LanguageModelV3CallOptions): Promise<LanguageModelV3GenerateResult> {
    const { text, usage } = await this.answer(options);
    return {
      content: [{ type: 'text', text }],
      finishReason: { unified: 'stop', raw: 'stop' },
      usage,
      response: { id: 'offline', modelId: this.modelId },
      warnings: [],
    };
  }

  async doStream(options: LanguageModelV3CallOptions): Promise<LanguageModelV3StreamResult> {
    const { text, usage } = await this.answer(options);
    // Word-sized deltas that concatenate to exactly the text doGenerate answers.
    const deltas = text.match(/\S+\s*|\s+/g) ?? [];
    const parts: LanguageModelV3StreamPart[] = [
      { type: 'stream-start', warnings: [] },
      { type: 'response-metadata', id: 'offline', modelId: this.modelId },
      { type: 'text-start', id: '0' },
      ...deltas.map((delta): LanguageModelV3StreamPart => ({ type: 'text-delta', id: '0', delta })),
      { type: 'text-end', id: '0' },
      { type: 'finish', usage, finishReason: { unified: 'stop', raw: 'stop' } },
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

  private async answer(options: LanguageModelV3CallOptions): Promise<{ text: string; usage: LanguageModelV3Usage }> {
    const material = promptMaterial(options.prompt);
    await failOnMarker(material.allText, options.abortSignal);
    options.abortSignal?.throwIfAborted();
    const text = material.allText.includes(OFFLINE_MARKERS.malformed) ? MALFORMED_OUTPUT : compose(material, options.responseFormat);
    return { text, usage: usageOf(material.allText, text) };
  }
}

function compose(material: PromptMaterial, format: LanguageModelV3CallOptions['responseFormat']): string {
  if (format?.type === 'json') {
    const source = `${material.lastUser}\n${material.system}`;
    return JSON.stringify(format.schema ? fillSchema(format.schema, source) : { answer: replyTo(material) });
  }
  return replyTo(material);
}

/** The text template: it quotes what was asked, and the instructions when there are any. */
export function replyTo(material: PromptMaterial): string {
  const asked = material.lastUser.trim().replace(/\s+/g, ' ') || '(nothing)';
  const instructions = material.system.trim().replace(/\s+/g, ' ');
  return instructions ? `Offline answer to: ${asked} (following: ${instructions})` : `Offline answer to: ${asked}`;
}

function usageOf(input: string, output: string): LanguageModelV3Usage {
  const inputTokens = countTokens(input);
  const outputTokens = countTokens(output);
  return {
    inputTokens: { total: inputTokens, noCache: inputTokens, cacheRead: 0, cacheWrite: 0 },
    outputTokens: { total: outputTokens, text: outputTokens, reasoning: 0 },
  };
}
