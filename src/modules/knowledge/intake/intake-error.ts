import { ClassifiedError } from '../../../infra/resilience/classified-error';

/**
 * Every intake failure (fetching or reading a document) maps to exactly one category; the
 * category decides retry and HTTP status. A document that is refused or unreadable fails the same
 * way on every attempt, so only transport troubles are retryable.
 */
export const INTAKE_ERROR_CATEGORIES = {
  INVALID_URL: { retryable: false, status: 400 },
  /** The URL (or a redirect, or what its host resolved to) points inside a private network. */
  BLOCKED_ADDRESS: { retryable: false, status: 400 },
  UNSUPPORTED_CONTENT_TYPE: { retryable: false, status: 415 },
  TOO_LARGE: { retryable: false, status: 413 },
  TOO_MANY_REDIRECTS: { retryable: false, status: 502 },
  TIMEOUT: { retryable: true, status: 504 },
  /** The source answered with an error; retryable only for 429 and 5xx (see IntakeError.upstream). */
  UPSTREAM_STATUS: { retryable: false, status: 502 },
  /** No answer at all: refused connection, reset socket, unknown host. */
  NETWORK: { retryable: true, status: 502 },
  /** The caller aborted: not a failure of the source. */
  CANCELLED: { retryable: false, status: 499 },
  /** The document was read but holds no text (an image-only PDF, an empty page). */
  EMPTY_CONTENT: { retryable: false, status: 422 },
  /** The bytes are not a readable document of their declared type (a corrupt PDF). */
  UNREADABLE_DOCUMENT: { retryable: false, status: 422 },
} as const;

export type IntakeErrorCategory = keyof typeof INTAKE_ERROR_CATEGORIES;

export interface IntakeErrorDetails {
  url?: string;
  upstreamStatus?: number;
  retryAfterMs?: number;
}

export class IntakeError extends ClassifiedError {
  readonly statusCode: number;
  readonly retryable: boolean;

  constructor(
    readonly category: IntakeErrorCategory,
    message: string,
    readonly details: IntakeErrorDetails = {},
    options?: { cause?: unknown; retryable?: boolean },
  ) {
    super(message);
    if (options?.cause !== undefined) (this as { cause?: unknown }).cause = options.cause;
    this.statusCode = INTAKE_ERROR_CATEGORIES[category].status;
    this.retryable = options?.retryable ?? INTAKE_ERROR_CATEGORIES[category].retryable;
    if (details.retryAfterMs !== undefined) this.setRetryAfter(details.retryAfterMs);
  }

  /** A source's error answer: 429 and 5xx may pass (with its Retry-After), any other 4xx will not. */
  static upstream(status: number, url: string, retryAfterMs?: number): IntakeError {
    const retryable = status === 429 || status >= 500;
    return new IntakeError('UPSTREAM_STATUS', `source answered ${status}`, { url, upstreamStatus: status, retryAfterMs: retryable ? retryAfterMs : undefined }, { retryable });
  }
}
