import { ConflictError, NotFoundError } from '../../common/errors/domain-errors';

/** The organization switched the agent off: no run of it starts (its schedules' ticks included) until it is switched on again. */
export class AgentDisabledError extends ConflictError {
  constructor(readonly agent: string) {
    super(`agent ${agent} is disabled for this organization; enable it with PUT /v1/agents/${agent}/config`);
  }
}

/** If-Match named a version the configuration no longer has: someone changed it since the caller read it. */
export class ConfigVersionMismatchError extends ConflictError {
  constructor(agent: string, expected: number, actual: number) {
    super(`the configuration of agent ${agent} is at version ${actual}, not ${expected} (If-Match); read it again and retry`);
  }
}

/** Two first writes of one agent's configuration raced; the loser retries on the winner's row. */
export class ConfigWrittenConcurrentlyError extends ConflictError {
  constructor(agent: string) {
    super(`the configuration of agent ${agent} was written by another request at the same time; read it again and retry`);
  }
}

export class ConfigChangeNotFoundError extends NotFoundError {
  constructor(changeId: string) {
    super('configuration change', changeId);
  }
}

export class ChangeAlreadyRevertedError extends ConflictError {
  constructor(changeId: string) {
    super(`configuration change ${changeId} was already reverted`);
  }
}

/** The field no longer holds what the change set: reverting would undo a later change the caller has not seen. */
export class FieldChangedSinceError extends ConflictError {
  constructor(changeId: string, field: string) {
    super(`${field} changed since configuration change ${changeId}; revert the later change first`);
  }
}
