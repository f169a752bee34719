import type { JSONSchema7 } from '@ai-sdk/provider';
import { Injectable } from '@nestjs/common';
import { countTokens } from 'gpt-tokenizer';
import type { ModelUsage } from '../../tools/tool.types';
import { LlmService } from '../llm.service';
import type { LlmAnswerMeta, LlmEmbedResult, LlmObjectResult, LlmRequest, LlmTextRequest, LlmTextResult } from '../llm.types';
import { LanguageModels } from '../language-models';
import { LlmMetrics } from './llm-metrics';
import { ModelPrices } from './model-prices';
import { TokenBudget } from './token-budget';
import { USAGE_SQL } from './usage-sql';
import { Sql } from '../../../infra/database/sql';

/** Whose budget a call spends. */
export interface LlmScope {
  organizationId: string;
  /**
   * Set for a call made outside any run (what it is for, e.g. `knowledge.intake`): it is then
   * recorded in the usage ledger. Leave it unset inside a run, whose step records the call.
   */
  outsideRun?: string;
}

/** An answer with its price: what the step log records and the run's totals add up. */
export type Metered<R extends LlmAnswerMeta> = R & { costUsd: number | null };

/** Output tokens reserved for a call that sets no maxOutputTokens; settled to the real figure after. */
const DEFAULT_OUTPUT_RESERVE = 1_000;

/**
 * LlmService with the organization's bill attached: every call is checked against the monthly
 * token budget before it reaches the model (BudgetExceededError, 402), then priced from the price
 * table, counted in the budget and in the metrics. Every model call of the product goes through
 * here; LlmService stays the bare port to the provider.
 */
@Injectable()
export class MeteredLlm {
  constructor(
    private readonly llm: LlmService,
    private readonly models: LanguageModels,
    private readonly budget: TokenBudget,
    private readonly prices: ModelPrices,
    private readonly metrics: LlmMetrics,
    private readonly sql: Sql,
  ) {}

  async generateText(scope: LlmScope, request: LlmTextRequest): Promise<Metered<LlmTextResult>> {
    return this.metered(scope, this.models.languageFor(request.model).modelId, estimateOf(request), () => this.llm.generateText(request));
  }

  /**
   * generateText, streamed: each text delta goes to `onDelta` as it arrives; the answer (and its
   * bill) is the whole text once the stream ends.
   */
  async streamText(scope: LlmScope, request: LlmTextRequest, onDelta: (delta: string) => void): Promise<Metered<LlmTextResult>> {
    return this.metered(scope, this.models.languageFor(request.model).modelId, estimateOf(request), async () => {
      const stream = this.llm.streamText(request);
      for await (const delta of stream) onDelta(delta);
      return stream.result;
    });
  }

  async generateObject<T extends object>(scope: LlmScope, dto: new () => T, request: LlmRequest): Promise<Metered<LlmObjectResult<T>>> {
    return this.metered(scope, this.models.languageFor(request.model).modelId, estimateOf(request), () => this.llm.generateObject(dto, request));
  }

  async generateJson(scope: LlmScope, schema: JSONSchema7, name: string, request: LlmRequest): Promise<Metered<LlmObjectResult<unknown>>> {
    return this.metered(scope, this.models.languageFor(request.model).modelId, estimateOf(request), () => this.llm.generateJson(schema, name, request));
  }

  embed(scope: LlmScope, values: string[], options: { abortSignal?: AbortSignal } = {}): Promise<Metered<LlmEmbedResult>> {
    const estimate = values.reduce((sum, value) => sum + countTokens(value), 0);
    return this.metered(scope, this.models.embedding.modelId, estimate, () => this.llm.embed(values, options));
  }

  private async metered<R extends LlmAnswerMeta>(scope: LlmScope, model: string, estimate: number, call: () => Promise<R>): Promise<Metered<R>> {
    const reservation = await this.budget.reserve(scope.organizationId, estimate);
    const started = performance.now();
    let answer: R;
    try {
      answer = await call();
    } catch (error) {
      this.metrics.requested(model, (performance.now() - started) / 1000);
      await this.budget.release(reservation);
      throw error;
    }
    this.metrics.requested(answer.model, (performance.now() - started) / 1000);
    const costUsd = this.prices.costOf(answer.model, answer.usage);
    this.metrics.used(answer.model, answer.usage, costUsd);
    await this.budget.settle(reservation, answer.usage.inputTokens + answer.usage.outputTokens);
    if (scope.outsideRun) {
      const { usage } = answer;
      await this.sql.count(USAGE_SQL.recordOutsideRun, [scope.organizationId, scope.outsideRun, answer.provider, answer.model, usage.inputTokens, usage.outputTokens, costUsd]);
    }
    return { ...answer, costUsd };
  }
}

/** The step log's view of a metered answer. */
export function modelUsageOf(answer: Metered<LlmAnswerMeta>): ModelUsage {
  return { provider: answer.provider, model: answer.model, inputTokens: answer.usage.inputTokens, outputTokens: answer.usage.outputTokens, costUsd: answer.costUsd };
}

/** Upper bound of a call's tokens: the prompt as the tokenizer counts it, plus the output it may write. */
function estimateOf(request: LlmRequest | LlmTextRequest): number {
  const prompt = typeof request.prompt === 'string' ? request.prompt : JSON.stringify(request.prompt);
  const tools = 'tools' in request && request.tools ? countTokens(JSON.stringify(request.tools)) : 0;
  return countTokens(request.system ?? '') + countTokens(prompt) + tools + (request.maxOutputTokens ?? DEFAULT_OUTPUT_RESERVE);
}
