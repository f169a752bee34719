import { readFileSync } from 'node:fs';
import { ConfigurationError } from './app-config-error';
import { EnvironmentVariables, LLM_PROVIDERS } from './environment';

export type LlmProviderName = (typeof LLM_PROVIDERS)[number];

export interface LlmConfig {
  provider: LlmProviderName;
  /** Undefined = the provider's own API root. */
  baseUrl?: string;
  /** Never logged; undefined only for the offline provider. */
  apiKey?: string;
  model: string;
  /** Models an agent's configuration may choose (LLM_ALLOWED_MODELS), `model` first and always among them. */
  allowedModels: string[];
  embeddingModel: string;
  embeddingDimensions: number;
  timeoutMs: number;
  /** USD per million tokens, by model id. */
  prices: Record<string, ModelPrice>;
  /** Tokens per organization and UTC month unless the organization sets its own; 0 = no limit. */
  monthlyTokenBudget: number;
}

export interface ModelPrice {
  inputPerMillion: number;
  outputPerMillion: number;
}

/**
 * Models used when LLM_MODEL / EMBEDDING_MODEL are unset. A real provider's chat model is always
 * named by the operator (model choice is a cost decision); OpenAI's embedding default matches the
 * default EMBEDDING_DIMENSIONS. Anthropic has no embeddings API, so with it embeddings stay offline.
 */
const DEFAULT_MODELS: Record<LlmProviderName, { model?: string; embeddingModel?: string }> = {
  offline: { model: 'offline-template', embeddingModel: 'offline-feature-hash' },
  openai: { embeddingModel: 'text-embedding-3-small' },
  'openai-compatible': {},
  anthropic: { embeddingModel: 'offline-feature-hash' },
};

/** Checks that need more than one variable; each failure is one line naming the variable, never its value. */
export function loadLlmConfig(vars: EnvironmentVariables): LlmConfig {
  const provider = vars.LLM_PROVIDER;
  if (provider !== 'offline' && !vars.LLM_API_KEY) {
    throw new ConfigurationError(`Invalid configuration: LLM_API_KEY must be set when LLM_PROVIDER is ${provider}`);
  }
  if (provider === 'openai-compatible' && !vars.LLM_BASE_URL) {
    throw new ConfigurationError('Invalid configuration: LLM_BASE_URL must be set when LLM_PROVIDER is openai-compatible');
  }
  const defaults = DEFAULT_MODELS[provider];
  const model = vars.LLM_MODEL ?? defaults.model;
  if (!model) throw new ConfigurationError(`Invalid configuration: LLM_MODEL must be set when LLM_PROVIDER is ${provider}`);
  const embeddingModel = provider === 'anthropic' ? defaults.embeddingModel : (vars.EMBEDDING_MODEL ?? defaults.embeddingModel);
  if (!embeddingModel) throw new ConfigurationError(`Invalid configuration: EMBEDDING_MODEL must be set when LLM_PROVIDER is ${provider}`);
  return {
    provider,
    baseUrl: vars.LLM_BASE_URL?.replace(/\/$/, ''),
    apiKey: vars.LLM_API_KEY,
    model,
    allowedModels: [...new Set([model, ...(vars.LLM_ALLOWED_MODELS ?? '').split(',').map((id) => id.trim()).filter((id) => id !== '')])],
    embeddingModel,
    embeddingDimensions: vars.EMBEDDING_DIMENSIONS,
    timeoutMs: vars.LLM_TIMEOUT_MS,
    prices: loadPrices(vars.LLM_PRICES_FILE),
    monthlyTokenBudget: vars.LLM_MONTHLY_TOKEN_BUDGET,
  };
}

/** The price table; keys starting with `$` are comments. A malformed table stops the boot: billing must not guess. */
function loadPrices(path: string): Record<string, ModelPrice> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : 'not valid JSON';
    throw new ConfigurationError(`Invalid configuration: LLM_PRICES_FILE ${path}: ${reason}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ConfigurationError(`Invalid configuration: LLM_PRICES_FILE ${path} must hold an object of model prices`);
  }
  const prices: Record<string, ModelPrice> = {};
  for (const [model, price] of Object.entries(parsed)) {
    if (model.startsWith('$')) continue;
    const { inputPerMillion, outputPerMillion } = (price ?? {}) as Partial<ModelPrice>;
    const valid = (n: unknown) => typeof n === 'number' && Number.isFinite(n) && n >= 0;
    if (!valid(inputPerMillion) || !valid(outputPerMillion)) {
      throw new ConfigurationError(`Invalid configuration: LLM_PRICES_FILE ${path}: ${model} needs inputPerMillion and outputPerMillion as non-negative numbers`);
    }
    prices[model] = { inputPerMillion: inputPerMillion as number, outputPerMillion: outputPerMillion as number };
  }
  return prices;
}
