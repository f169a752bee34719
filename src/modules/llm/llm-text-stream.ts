import type { FinishReason, TextStreamPart, ToolSet } from 'ai';
import { LlmError } from './llm-error';
import { CallContext, toLlmError } from './llm-error-mapping';
import type { ModelToolCall } from './llm-tools';
import type { LlmTextResult } from './llm.types';

type Usage = { inputTokens: number | undefined; outputTokens: number | undefined };

/** What the stream gathered by its end, before the service checks the tool calls and shapes the result. */
export interface StreamedAnswer {
  text: string;
  toolCalls: ModelToolCall[];
  finishReason: FinishReason;
  usage: Usage;
}

/**
 * A streamed answer: iterate it for text deltas (once); `result` settles when the stream ends,
 * with the whole text, tool calls and usage, or rejects with the same LlmError the iteration threw.
 * Tool calls are not yielded: they are only usable whole, once checked, in `result`.
 */
export class LlmTextStream implements AsyncIterable<string> {
  readonly result: Promise<LlmTextResult>;
  private settle!: { resolve: (value: LlmTextResult) => void; reject: (error: unknown) => void };
  private consumed = false;

  constructor(
    private readonly parts: AsyncIterable<TextStreamPart<ToolSet>>,
    private readonly context: CallContext,
    private readonly done: () => void,
    private readonly finish: (answer: StreamedAnswer) => LlmTextResult,
  ) {
    this.result = new Promise<LlmTextResult>((resolve, reject) => (this.settle = { resolve, reject }));
    // A consumer that only iterates must not leave an unhandled rejection behind.
    this.result.catch(() => undefined);
  }

  async *[Symbol.asyncIterator](): AsyncIterator<string> {
    if (this.consumed) throw new Error('an LlmTextStream can be iterated once');
    this.consumed = true;
    const answer: StreamedAnswer = { text: '', toolCalls: [], finishReason: 'other', usage: { inputTokens: undefined, outputTokens: undefined } };
    try {
      for await (const part of this.parts) {
        if (part.type === 'text-delta') {
          answer.text += part.text;
          yield part.text;
        } else if (part.type === 'tool-call') answer.toolCalls.push(part);
        else if (part.type === 'finish') {
          answer.usage = part.totalUsage;
          answer.finishReason = part.finishReason;
        } else if (part.type === 'error') throw part.error;
        else if (part.type === 'abort') throw new Error('stream aborted');
      }
      this.settle.resolve(this.finish(answer));
    } catch (error) {
      const failure = toLlmError(error, this.context);
      this.settle.reject(failure);
      throw failure;
    } finally {
      this.done();
      // A consumer that stopped early: the answer is incomplete (a no-op once settled).
      this.settle.reject(new LlmError('CANCELLED', `${this.context.provider} stream left before its end`, { provider: this.context.provider, model: this.context.model }));
    }
  }
}
