import { Injectable } from '@nestjs/common';
import { InjectMetric, makeCounterProvider, makeHistogramProvider } from '@willsoto/nestjs-prometheus';
import { Counter, Histogram } from 'prom-client';
import type { LlmUsage } from '../llm.types';

export const LLM_TOKENS_TOTAL = 'neonhub_llm_tokens_total';
export const LLM_COST_TOTAL = 'neonhub_llm_cost_usd_total';
export const LLM_REQUEST_DURATION = 'neonhub_llm_request_duration_seconds';

export const llmMetricProviders = [
  makeCounterProvider({ name: LLM_TOKENS_TOTAL, help: 'Model tokens used, by model and direction (input, output)', labelNames: ['model', 'direction'] }),
  makeCounterProvider({ name: LLM_COST_TOTAL, help: 'Cost in USD of priced model calls, by model', labelNames: ['model'] }),
  makeHistogramProvider({
    name: LLM_REQUEST_DURATION,
    help: 'Model request duration in seconds, by model (failed requests included)',
    labelNames: ['model'],
    buckets: [0.001, 0.005, 0.025, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
  }),
];

@Injectable()
export class LlmMetrics {
  constructor(
    @InjectMetric(LLM_TOKENS_TOTAL) private readonly tokens: Counter<string>,
    @InjectMetric(LLM_COST_TOTAL) private readonly cost: Counter<string>,
    @InjectMetric(LLM_REQUEST_DURATION) private readonly duration: Histogram<string>,
  ) {}

  requested(model: string, seconds: number): void {
    this.duration.observe({ model }, seconds);
  }

  used(model: string, usage: LlmUsage, costUsd: number | null): void {
    if (usage.inputTokens > 0) this.tokens.inc({ model, direction: 'input' }, usage.inputTokens);
    if (usage.outputTokens > 0) this.tokens.inc({ model, direction: 'output' }, usage.outputTokens);
    if (costUsd) this.cost.inc({ model }, costUsd);
  }
}
