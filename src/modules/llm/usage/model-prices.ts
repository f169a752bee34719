import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '../../../config/config.module';
import type { AppConfig } from '../../../config/app-config';
import type { LlmUsage } from '../llm.types';

/** Cost of a model call from the configured price table (LLM_PRICES_FILE). */
@Injectable()
export class ModelPrices {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** USD, rounded to the micro-dollar the columns hold; null for a model without a price, never a guess. */
  costOf(model: string, usage: LlmUsage): number | null {
    const price = this.config.llm.prices[model];
    if (!price) return null;
    const usd = (usage.inputTokens * price.inputPerMillion + usage.outputTokens * price.outputPerMillion) / 1_000_000;
    return Math.round(usd * 1_000_000) / 1_000_000;
  }
}
