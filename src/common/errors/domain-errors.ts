import { retryAfterSeconds } from '../../infra/resilience/retry-after';

/**
 * Typed errors services throw; the global filter maps them to HTTP. Services never build HTTP
 * exceptions themselves, so the same errors read naturally from a worker or a CLI.
 */
export abstract class DomainError extends Error {
  abstract readonly statusCode: number;
  /** Extra response headers, e.g. Retry-After. */
  readonly headers: Record<string, string> = {};

  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }

  /** Tells the client when to come back; every Retry-After we send is computed by retryAfterSeconds. */
  protected setRetryAfter(ms: number): void {
    this.headers['Retry-After'] = String(retryAfterSeconds(ms));
  }
}

export class ValidationFailedError extends DomainError {
  readonly statusCode = 400;
  constructor(readonly fields: string[], message: string) {
    super(message);
  }
}

export class UnauthenticatedError extends DomainError {
  readonly statusCode = 401;
  // Deliberately says nothing about which part of the credential was wrong.
  constructor() {
    super('missing or invalid API key');
  }
}

export class ForbiddenError extends DomainError {
  readonly statusCode = 403;
}

export class NotFoundError extends DomainError {
  readonly statusCode = 404;
  constructor(resource: string, id?: string) {
    super(id ? `${resource} ${id} not found` : `${resource} not found`);
  }
}

export class ConflictError extends DomainError {
  readonly statusCode = 409;
}

export class UnprocessableError extends DomainError {
  readonly statusCode = 422;
}

export class RateLimitedError extends DomainError {
  readonly statusCode = 429;
  constructor(message: string, readonly retryAfterMs: number) {
    super(message);
    this.setRetryAfter(retryAfterMs);
  }
}

export class ServiceUnavailableError extends DomainError {
  readonly statusCode = 503;
  constructor(message: string, retryAfterMs?: number) {
    super(message);
    if (retryAfterMs !== undefined) this.setRetryAfter(retryAfterMs);
  }
}
