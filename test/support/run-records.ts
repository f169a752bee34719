import type { RunRecord } from '../../src/modules/orchestration/run.records';

/** A run record as the engine's ledger returns it, RUNNING at attempt 1 unless told otherwise. */
export function runRecord(overrides: Partial<RunRecord> = {}): RunRecord {
  const now = new Date();
  return {
    id: 'run-1',
    organizationId: 'org-1',
    agentName: 'writer',
    userId: null,
    intent: null,
    status: 'RUNNING',
    mode: 'SYNC',
    input: {},
    output: null,
    errorClass: null,
    errorMessage: null,
    attempt: 1,
    attemptsBeforeWait: 0,
    wakeAt: null,
    scheduleId: null,
    campaignId: null,
    parentRunId: null,
    requestHash: null,
    cancelRequestedAt: null,
    createdAt: now,
    startedAt: now,
    finishedAt: null,
    durationMs: null,
    inputTokens: 0,
    outputTokens: 0,
    costUsd: 0,
    unpricedCalls: 0,
    ...overrides,
  };
}
