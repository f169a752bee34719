import type { NewRun } from './run.records';

/**
 * How a run comes to be executed: a new row (a sync request, already validated input) or a claim
 * on a queued or lapsed one (a worker's job; the input is read from the claimed row).
 */
export type RunStart = { kind: 'create'; run: NewRun; input: object } | { kind: 'claim'; runId: string; organizationId: string };
