import { Injectable } from '@nestjs/common';
import { InjectMetric, makeCounterProvider, makeGaugeProvider, makeHistogramProvider } from '@willsoto/nestjs-prometheus';
import { Counter, Gauge, Histogram } from 'prom-client';
import type { LlmUsage } from '../llm.types';

export const LLM_TOKENS_TOTAL = 'neonhub_llm_tokens_total';
export const LLM_COST_TOTAL = 'neonhub_llm_cost_usd_total';
export const LLM_REQUEST_DURATION = 'neonhub_llm_request_duration_seconds';
export const LLM_BUDGET_USED_RATIO = 'neonhub_llm_token_budget_used_ratio';

export const llmMetricProviders = [
  makeCounterProvider({ name: LLM_TOKENS_TOTAL, help: 'Model tokens used, by model and direction (input, output)', labelNames: ['model', 'direction'] }),
  makeCounterProvider({ name: LLM_COST_TOTAL, help: 'Cost in USD of priced model calls, by model', labelNames: ['model'] }),
  makeHistogramProvider({
    name: LLM_REQUEST_DURATION,
    help: 'Model request duration in seconds, by model (failed requests included)',
    labelNames: ['model'],
    buckets: [0.001, 0.005, 0.025, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
  }),
  // Per organization like the circuit gauge: an alert must name the tenant about to be refused.
  makeGaugeProvider({
    name: LLM_BUDGET_USED_RATIO,
    help: "Share of an organization's monthly token budget used (reservations included), as last seen by this process this UTC month",
    labelNames: ['organization'],
  }),
];

@Injectable()
export class LlmMetrics {
  constructor(
    @InjectMetric(LLM_TOKENS_TOTAL) private readonly tokens: Counter<string>,
    @InjectMetric(LLM_COST_TOTAL) private readonly cost: Counter<string>,
    @InjectMetric(LLM_REQUEST_DURATION) private readonly duration: Histogram<string>,
    @InjectMetric(LLM_BUDGET_USED_RATIO) private readonly budgetUsed: Gauge<string>,
  ) {}

  private budgetMonth?: string;

  /** A new month starts every budget afresh: last month's ratios would keep an alert firing. */
  budgetSeen(organizationId: string, month: string, used: number, budget: number): void {
    if (month !== this.budgetMonth) {
      if (this.budgetMonth !== undefined && month < this.budgetMonth) return;
      this.budgetUsed.reset();
      this.budgetMonth = month;
    }
    this.budgetUsed.set({ organization: organizationId }, used / budget);
  }

  requested(model: string, seconds: number): void {
    this.duration.observe({ model }, seconds);
  }

  used(model: string, usage: LlmUsage, costUsd: number | null): void {
    if (usage.inputTokens > 0) this.tokens.inc({ model, direction: 'input' }, usage.inputTokens);
    if (usage.outputTokens > 0) this.tokens.inc({ model, direction: 'output' }, usage.outputTokens);
    if (costUsd) this.cost.inc({ model }, costUsd);
  }
}
