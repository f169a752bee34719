import { ClassifiedError } from '../../infra/resilience/classified-error';

/** Every provider failure maps to exactly one category; the category decides retry and HTTP status. */
export const CONNECTOR_ERROR_CATEGORIES = {
  NOT_CONNECTED: { retryable: false, status: 424 },
  AUTH_EXPIRED: { retryable: true, status: 424 },
  REAUTH_REQUIRED: { retryable: false, status: 424 },
  PERMISSION_DENIED: { retryable: false, status: 403 },
  RATE_LIMITED: { retryable: true, status: 429 },
  QUOTA_EXCEEDED: { retryable: false, status: 429 },
  PROVIDER_UNAVAILABLE: { retryable: true, status: 503 },
  TIMEOUT: { retryable: true, status: 504 },
  INVALID_INPUT: { retryable: false, status: 400 },
  NOT_FOUND: { retryable: false, status: 404 },
  CONFLICT: { retryable: false, status: 409 },
} as const;

export type ConnectorErrorCategory = keyof typeof CONNECTOR_ERROR_CATEGORIES;

export class ConnectorError extends ClassifiedError {
  readonly statusCode: number;
  readonly retryable: boolean;

  constructor(
    readonly category: ConnectorErrorCategory,
    message: string,
    readonly details: { retryAfterMs?: number; providerStatus?: number; requestSent?: boolean } = {},
  ) {
    super(message);
    this.statusCode = CONNECTOR_ERROR_CATEGORIES[category].status;
    this.retryable = CONNECTOR_ERROR_CATEGORIES[category].retryable;
    if (details.retryAfterMs !== undefined) this.setRetryAfter(details.retryAfterMs);
  }

  static notConnected(key: string): ConnectorError {
    return new ConnectorError('NOT_CONNECTED', `connector ${key} is not connected for this organization`);
  }
}

/** Maps an HTTP answer from any provider to a category (providers refine with their own error codes). */
export function categoryForStatus(status: number): ConnectorErrorCategory {
  if (status === 401) return 'AUTH_EXPIRED';
  if (status === 403) return 'PERMISSION_DENIED';
  if (status === 404) return 'NOT_FOUND';
  if (status === 409) return 'CONFLICT';
  if (status === 429) return 'RATE_LIMITED';
  if (status === 400 || status === 422) return 'INVALID_INPUT';
  if (status === 408 || status === 504) return 'TIMEOUT';
  return status >= 500 ? 'PROVIDER_UNAVAILABLE' : 'INVALID_INPUT';
}
