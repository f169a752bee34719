import { ClassifiedError, GENERIC_CATEGORIES } from '../../infra/resilience/classified-error';

/**
 * Abort reasons of a run's signal: they decide its final status. A cancellation is classified so
 * that breakers and retry tell it from a failure without knowing this module; 409 should one
 * ever reach a client, as the request conflicts with the run having been cancelled.
 */
export class RunCancelledError extends ClassifiedError {
  override readonly name = 'CancelledError';
  readonly statusCode = 409;
  readonly category = GENERIC_CATEGORIES.CANCELLED;
  readonly retryable = false;
  constructor() {
    super('the run was cancelled');
  }
}

export class RunTimedOutError extends Error {
  override readonly name = 'TimeoutError';
  constructor(ms: number) {
    super(`the run did not finish within ${ms} ms`);
  }
}

export class LeaseLostError extends Error {
  override readonly name = 'LeaseLostError';
  constructor() {
    super('the run was taken over after this process stopped renewing its lease');
  }
}

/**
 * The process is shutting down and gave the run back before it finished: its lease is released
 * and another process resumes it from its step log. Not a failure: no final status is written.
 */
export class RunHandedBackError extends Error {
  override readonly name = 'RunHandedBackError';
  constructor() {
    super('the run was handed back to the queue while its process shut down');
  }
}

export class NonDeterministicReplayError extends Error {
  override readonly name = 'NonDeterministicReplayError';
}
