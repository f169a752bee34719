import { ClassifiedError } from '../../infra/resilience/classified-error';

/** Every model failure maps to exactly one category; the category decides retry and HTTP status. */
export const LLM_ERROR_CATEGORIES = {
  RATE_LIMITED: { retryable: true, status: 429 },
  TIMEOUT: { retryable: true, status: 504 },
  PROVIDER_UNAVAILABLE: { retryable: true, status: 503 },
  /** The model answered, but not in the form asked for (unparseable, or failing the DTO's rules). */
  INVALID_OUTPUT: { retryable: false, status: 502 },
  INVALID_REQUEST: { retryable: false, status: 400 },
  /** The provider refused our key: an operator's problem, never worth a retry. */
  AUTH: { retryable: false, status: 502 },
  /** The caller aborted: not a failure of the provider. */
  CANCELLED: { retryable: false, status: 499 },
} as const;

export type LlmErrorCategory = keyof typeof LLM_ERROR_CATEGORIES;

export class LlmError extends ClassifiedError {
  readonly statusCode: number;
  readonly retryable: boolean;

  constructor(
    readonly category: LlmErrorCategory,
    message: string,
    readonly details: { retryAfterMs?: number; providerStatus?: number; provider?: string; model?: string } = {},
    options?: { cause?: unknown },
  ) {
    super(message);
    if (options?.cause !== undefined) (this as { cause?: unknown }).cause = options.cause;
    this.statusCode = LLM_ERROR_CATEGORIES[category].status;
    this.retryable = LLM_ERROR_CATEGORIES[category].retryable;
    if (details.retryAfterMs !== undefined) this.setRetryAfter(details.retryAfterMs);
  }
}

/** Maps a provider's HTTP status to a category (as connectors do with theirs). */
export function llmCategoryForStatus(status: number): LlmErrorCategory {
  if (status === 401 || status === 403) return 'AUTH';
  if (status === 429) return 'RATE_LIMITED';
  if (status === 408 || status === 504) return 'TIMEOUT';
  if (status >= 500) return 'PROVIDER_UNAVAILABLE';
  return 'INVALID_REQUEST';
}

/**
 * A call named a model this deployment does not offer (LLM_ALLOWED_MODELS): refused before any
 * provider is asked, and never retried (the same call names the same model).
 */
export class ModelNotAllowedError extends LlmError {
  constructor(model: string, allowed: string[]) {
    super('INVALID_REQUEST', `model ${model} is not allowed in this deployment; allowed: ${allowed.join(', ')}`, { model });
  }
}
