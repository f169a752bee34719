import type { TextStreamPart, ToolSet } from 'ai';
import { LlmError } from './llm-error';
import { CallContext, toLlmError } from './llm-error-mapping';
import type { LlmTextResult } from './llm.types';

type Usage = { inputTokens: number | undefined; outputTokens: number | undefined };

/**
 * A streamed answer: iterate it for text deltas (once); `result` settles when the stream ends,
 * with the whole text and usage, or rejects with the same LlmError the iteration threw.
 */
export class LlmTextStream implements AsyncIterable<string> {
  readonly result: Promise<LlmTextResult>;
  private settle!: { resolve: (value: LlmTextResult) => void; reject: (error: unknown) => void };
  private consumed = false;

  constructor(
    private readonly parts: AsyncIterable<TextStreamPart<ToolSet>>,
    private readonly context: CallContext,
    private readonly done: () => void,
    private readonly finish: (text: string, usage: Usage) => LlmTextResult,
  ) {
    this.result = new Promise<LlmTextResult>((resolve, reject) => (this.settle = { resolve, reject }));
    // A consumer that only iterates must not leave an unhandled rejection behind.
    this.result.catch(() => undefined);
  }

  async *[Symbol.asyncIterator](): AsyncIterator<string> {
    if (this.consumed) throw new Error('an LlmTextStream can be iterated once');
    this.consumed = true;
    let text = '';
    let usage: Usage = { inputTokens: undefined, outputTokens: undefined };
    try {
      for await (const part of this.parts) {
        if (part.type === 'text-delta') {
          text += part.text;
          yield part.text;
        } else if (part.type === 'finish') usage = part.totalUsage;
        else if (part.type === 'error') throw part.error;
        else if (part.type === 'abort') throw new Error('stream aborted');
      }
      this.settle.resolve(this.finish(text, usage));
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
