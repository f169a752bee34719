/** The payload of an agent.run job: ids only, the run row holds everything else. */
export interface RunJob {
  runId: string;
  organizationId: string;
  userId?: string;
  requestId?: string;
}

/** Deterministic: the same run and generation always make the same job, so a duplicate add is a no-op. */
export function runJobId(runId: string, generation: number): string {
  return `run-${runId}-${generation}`;
}
