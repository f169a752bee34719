import { DomainError } from '../../common/errors/domain-errors';
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

/**
 * Statuses of failures that only the caller can clear (402: the organization's model budget is
 * spent), for which a synchronous run answers with that status instead of 201 and a FAILED run:
 * an API client then handles it like any refused request. The run is still recorded, FAILED.
 */
const CALLER_MUST_ACT = new Set([402]);

export class SyncRunRefusedError extends DomainError {
  readonly statusCode: number;

  constructor(runId: string, failure: DomainError) {
    super(`run ${runId} failed: ${failure.message}`);
    this.statusCode = failure.statusCode;
    Object.assign(this.headers, failure.headers);
  }

  static refuses(failure: Error | undefined): failure is DomainError {
    return failure instanceof DomainError && CALLER_MUST_ACT.has(failure.statusCode);
  }
}

/** An internal stage (an email send, a post's publication) runs only when another run starts it. */
export class InternalAgentError extends DomainError {
  readonly statusCode = 400;

  constructor(agent: string) {
    super(`agent ${agent} is a stage other agents start (runs.start); it cannot be run directly`);
  }
}

/** `runs.start` of an agent the calling agent does not declare in `starts`. */
export class ChildAgentNotAllowedError extends DomainError {
  readonly statusCode = 403;

  constructor(parent: string, child: string) {
    super(`agent ${parent} may not start agent ${child} (not in its declared starts)`);
  }
}
