import { RUN_QUEUES } from '../../agents/agent-queues';

/** The queue most runs travel on (the channel agents' stages have their own, RUN_QUEUES): produced by the API, consumed by workers. */
export const AGENT_RUN_QUEUE = RUN_QUEUES.agentRun;

/** The payload of an agent.run job: ids only (and the agent, for its policy before the claim); the run row holds everything else. */
export interface RunJob {
  runId: string;
  /** Optional only for jobs queued by earlier versions. */
  agent?: string;
  organizationId: string;
  userId?: string;
  requestId?: string;
}

/** Deterministic: the same run and generation always make the same job, so a duplicate add is a no-op. */
export function runJobId(runId: string, generation: number): string {
  return `run-${runId}-${generation}`;
}
