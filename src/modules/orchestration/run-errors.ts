import { ServiceUnavailableError } from '../../common/errors/domain-errors';

/** Abort reasons of a run's signal: they decide its final status. */
export class RunCancelledError extends Error {
  override readonly name = 'CancelledError';
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

export class CircuitOpenError extends ServiceUnavailableError {
  constructor(agent: string, retryAfterMs: number) {
    super(`agent ${agent} is failing repeatedly; its circuit is open, retry after ${Math.ceil(retryAfterMs / 1000)} s`, retryAfterMs);
  }
}

/**
 * How a failure is recorded on a run or a tool execution. Errors that carry a category (connector
 * failures) record it with their class, e.g. `ConnectorError:RATE_LIMITED`, so a reader of the
 * audit trail sees why without parsing messages.
 */
export function errorClassOf(error: Error): string {
  const category = (error as { category?: unknown }).category;
  return typeof category === 'string' ? `${error.name}:${category}` : error.name;
}
