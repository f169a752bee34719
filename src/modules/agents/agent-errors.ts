import { DomainError, NotFoundError } from '../../common/errors/domain-errors';
import { ClassifiedError, GENERIC_CATEGORIES } from '../../infra/resilience/classified-error';

export class AgentNotFoundError extends NotFoundError {
  constructor(name: string) {
    super('agent', name);
  }
}

/**
 * Thrown by agents (and tools) for failures worth another attempt: provider hiccups, timeouts.
 * 503 should one ever reach a client: the failure is passing, not the client's doing.
 */
export class RetryableError extends ClassifiedError {
  override readonly name = 'RetryableError';
  readonly statusCode = 503;
  readonly category = GENERIC_CATEGORIES.TRANSIENT;
  readonly retryable = true;
}

export class DuplicateAgentError extends Error {
  constructor(name: string, first: string, second: string) {
    super(`agent name "${name}" is declared twice (${first} and ${second}); agent names must be unique`);
    this.name = 'DuplicateAgentError';
  }
}

export class ToolNotAllowedError extends DomainError {
  readonly statusCode = 500;
  constructor(agent: string, tool: string) {
    super(`agent ${agent} called ${tool}, which it does not declare in its tools`);
  }
}

/**
 * The model answered, but not in the shape the agent asked for (its DTO refused the object, or it
 * asked for a tool the agent did not offer). Not retried: the same prompt gets the same answer
 * from a deterministic model, and a real one is better asked differently by the agent.
 */
export class ModelOutputInvalidError extends ClassifiedError {
  readonly statusCode = 502;
  readonly category = 'INVALID_OUTPUT';
  readonly retryable = false;
}
