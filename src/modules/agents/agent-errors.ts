import { DomainError, NotFoundError } from '../../common/errors/domain-errors';

export class AgentNotFoundError extends NotFoundError {
  constructor(name: string) {
    super('agent', name);
  }
}

/** Thrown by agents (and tools) for failures worth another attempt: provider hiccups, timeouts. */
export class RetryableError extends Error {
  readonly retryable = true;
  constructor(message: string) {
    super(message);
    this.name = 'RetryableError';
  }
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

export function isRetryable(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { retryable?: unknown }).retryable === true;
}
