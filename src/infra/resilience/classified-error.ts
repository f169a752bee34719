import { DomainError } from '../../common/errors/domain-errors';

/**
 * Categories that belong to no provider. Their class name already says them, so the audit
 * trail records such an error by its name alone (`CancelledError`, not `CancelledError:CANCELLED`).
 */
export const GENERIC_CATEGORIES = {
  /** The caller stopped the work: not a failure of whatever was doing it. */
  CANCELLED: 'CANCELLED',
  /** A passing failure of the work itself, worth another attempt. */
  TRANSIENT: 'TRANSIENT',
} as const;

const NAMED_BY_CLASS: ReadonlySet<string> = new Set(Object.values(GENERIC_CATEGORIES));

/**
 * A failure that says what kind it is (`category`) and whether another attempt may succeed
 * (`retryable`). Retry, circuit breakers and the audit trail decide by `instanceof` on this one
 * type rather than by the shape of whatever was thrown.
 *
 * It extends DomainError so a classified failure that reaches HTTP still answers with its own
 * status and headers; it lives here rather than in common/errors because deciding retries and
 * breaker counts is what it is for.
 */
export abstract class ClassifiedError extends DomainError {
  abstract readonly category: string;
  abstract readonly retryable: boolean;
}

export function isRetryable(error: unknown): boolean {
  return error instanceof ClassifiedError && error.retryable;
}

export function errorCategoryOf(error: unknown): string | undefined {
  return error instanceof ClassifiedError ? error.category : undefined;
}

/**
 * How a failure is recorded on a run or a tool execution: a provider category is kept with the
 * class, e.g. `ConnectorError:RATE_LIMITED`, so a reader of the audit trail sees why without
 * parsing messages. Stored rows and dashboards match on these exact strings.
 */
export function errorClassOf(error: Error): string {
  const category = errorCategoryOf(error);
  return category === undefined || NAMED_BY_CLASS.has(category) ? error.name : `${error.name}:${category}`;
}
