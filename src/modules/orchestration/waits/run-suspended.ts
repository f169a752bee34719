import type { Suspension } from '../persistence/run-ledger';

/**
 * Thrown by a wait (approval, sleep) after its step is recorded: unwinds the agent's code so the
 * run's process lets go of it entirely. The executor catches it and releases the run; it is
 * neither a failure (no breaker count, no retry) nor visible to the run's caller.
 */
export class RunSuspendedSignal extends Error {
  override readonly name = 'RunSuspendedSignal';

  constructor(readonly suspension: Suspension & { approvalId?: string; childRunId?: string }) {
    super(`the run waits (${suspension.status.toLowerCase()})`);
  }
}
