import type { EmbeddingModelV3, JSONSchema7, LanguageModelV3 } from '@ai-sdk/provider';
import { Injectable } from '@nestjs/common';
import { embedMany, generateText, jsonSchema, Output, stepCountIs, streamText } from 'ai';
import { validatePlain } from '../../common/validation/validate-plain';
import { dtoJsonSchema } from '../../common/validation/dto-json-schema';
import { LanguageModels } from './language-models';
import { CallContext, toLlmError } from './llm-error-mapping';
import { LlmAnswerMeta, LlmEmbedResult, LlmObjectResult, LlmRequest, LlmTextRequest, LlmTextResult, LlmUsage } from './llm.types';
import { LlmTextStream } from './llm-text-stream';
import { acceptToolCalls, toolOptionsOf } from './llm-tools';

/**
 * The project's port to language models: text, DTO-shaped objects, streamed text and embeddings,
 * each bounded by LLM_TIMEOUT_MS and the caller's signal, each failure one LlmError category.
 *
 * Every call sets `maxRetries: 0`: the AI SDK would otherwise retry on its own, hidden from the
 * run policies (retry budget, circuit breaker, audit trail) that decide retries in this project.
 * Text calls may offer tools; they end after one model turn (`stopWhen: stepCountIs(1)`, tools
 * without execute) and hand the checked calls back, so each execution is the caller's recorded step.
 */
@Injectable()
export class LlmService {
  constructor(private readonly models: LanguageModels) {}

  async generateText(request: LlmTextRequest): Promise<LlmTextResult> {
    const model = this.models.languageFor(request.model);
    return this.call(request.abortSignal, model, async (abortSignal, where) => {
      const result = await generateText({
        model,
        ...promptOf(request),
        ...toolOptionsOf(request, where),
        stopWhen: stepCountIs(1),
        abortSignal,
        maxRetries: 0,
      });
      return { text: result.text, toolCalls: acceptToolCalls(result.toolCalls, request, where), finishReason: result.finishReason, usage: usageOf(result.totalUsage) };
    });
  }

  /** An instance of `dto`, asked for by its JSON schema and validated again on return: a model may ignore a schema. */
  async generateObject<T extends object>(dto: new () => T, request: LlmRequest): Promise<LlmObjectResult<T>> {
    const model = this.models.languageFor(request.model);
    return this.call(request.abortSignal, model, async (abortSignal) => {
      const result = await this.objectFor(model, dtoJsonSchema(dto), dto.name, request, abortSignal);
      const object = await validatePlain(dto, result.output, 'output', `${dto.name} from the model`);
      return { object, usage: usageOf(result.totalUsage) };
    });
  }

  /**
   * A JSON value shaped by `schema`, parsed but not validated against a DTO: for callers that hold
   * only the schema (the `llm` tool, whose caller validates with its DTO after the step is recorded).
   */
  async generateJson(schema: JSONSchema7, name: string, request: LlmRequest): Promise<LlmObjectResult<unknown>> {
    const model = this.models.languageFor(request.model);
    return this.call(request.abortSignal, model, async (abortSignal) => {
      const result = await this.objectFor(model, schema, name, request, abortSignal);
      return { object: result.output, usage: usageOf(result.totalUsage) };
    });
  }

  private objectFor(model: LanguageModelV3, schema: JSONSchema7, name: string, request: LlmRequest, abortSignal: AbortSignal) {
    const output = Output.object({ schema: jsonSchema<object>(schema), name });
    return generateText({ model, ...promptOf(request), output, abortSignal, maxRetries: 0 });
  }

  /**
   * Deltas as they arrive; `result` settles with the whole text, tool calls and usage once the
   * stream ends. A request that cannot be sent (see toolOptionsOf) throws here, before any stream.
   */
  streamText(request: LlmTextRequest): LlmTextStream {
    const model = this.models.languageFor(request.model);
    const tools = toolOptionsOf(request, { provider: model.provider, model: model.modelId });
    const { signal, context, done } = this.bound(request.abortSignal, model);
    const result = streamText({
      model,
      ...promptOf(request),
      ...tools,
      stopWhen: stepCountIs(1),
      abortSignal: signal,
      maxRetries: 0,
      // Failures reach the consumer through the stream; the default handler would also print them.
      onError: () => undefined,
    });
    return new LlmTextStream(result.fullStream, context, done, (answer) => ({
      text: answer.text,
      toolCalls: acceptToolCalls(answer.toolCalls, request, context),
      finishReason: answer.finishReason,
      usage: usageOf(answer.usage),
      ...this.meta(context),
    }));
  }

  async embed(values: string[], options: { abortSignal?: AbortSignal } = {}): Promise<LlmEmbedResult> {
    return this.call(options.abortSignal, this.models.embedding, async (abortSignal) => {
      const result = await embedMany({
        model: this.models.embedding,
        values,
        abortSignal,
        maxRetries: 0,
        maxParallelCalls: 2,
        providerOptions: this.models.embeddingOptions,
      });
      return { embeddings: result.embeddings, usage: { inputTokens: result.usage.tokens, outputTokens: 0 } };
    });
  }

  private async call<R extends { usage: LlmUsage }>(
    callerSignal: AbortSignal | undefined,
    model: ServedModel,
    work: (signal: AbortSignal, context: CallContext) => Promise<R>,
  ): Promise<R & LlmAnswerMeta> {
    const { signal, context, done } = this.bound(callerSignal, model);
    try {
      return { ...(await work(signal, context)), ...this.meta(context) };
    } catch (error) {
      throw toLlmError(error, context);
    } finally {
      done();
    }
  }

  /** The call's signal: the caller's, or LLM_TIMEOUT_MS, whichever ends first; kept apart to tell a cancel from a timeout. */
  private bound(callerSignal: AbortSignal | undefined, model: ServedModel): { signal: AbortSignal; context: CallContext; done: () => void } {
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(new Error(`timed out after ${this.models.timeoutMs} ms`)), this.models.timeoutMs);
    timer.unref();
    const signal = callerSignal ? AbortSignal.any([callerSignal, timeout.signal]) : timeout.signal;
    return { signal, context: { provider: model.provider, model: model.modelId, callerSignal, timeoutSignal: timeout.signal }, done: () => clearTimeout(timer) };
  }

  private meta(context: CallContext): Pick<LlmAnswerMeta, 'provider' | 'model'> {
    return { provider: context.provider, model: context.model };
  }
}

/** Where a call goes: what its errors and answers name. */
type ServedModel = Pick<LanguageModelV3 | EmbeddingModelV3, 'provider' | 'modelId'>;

function promptOf(request: LlmRequest): { system?: string; maxOutputTokens?: number; temperature?: number } & ({ prompt: string } | { messages: Exclude<LlmRequest['prompt'], string> }) {
  const common = { system: request.system, maxOutputTokens: request.maxOutputTokens, temperature: request.temperature };
  return typeof request.prompt === 'string' ? { ...common, prompt: request.prompt } : { ...common, messages: request.prompt };
}

function usageOf(usage: { inputTokens: number | undefined; outputTokens: number | undefined }): LlmUsage {
  return { inputTokens: usage.inputTokens ?? 0, outputTokens: usage.outputTokens ?? 0 };
}
