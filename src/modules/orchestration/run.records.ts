/**
 * The run engine's own records: what services and mappers see. Plain data, not Prisma payload
 * types, so the storage can change (a raw statement, a join) without touching a service.
 */
export type RunStatus = 'QUEUED' | 'RUNNING' | 'COMPLETED' | 'FAILED' | 'CANCELLED' | 'TIMED_OUT' | 'AWAITING_APPROVAL' | 'WAITING';
/** Released by its process until a decision or a time: nothing is held while a run is in one. */
export type WaitingRunStatus = 'AWAITING_APPROVAL' | 'WAITING';
export type RunMode = 'SYNC' | 'ASYNC';
export type ToolExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'INTERRUPTED';
export type FailedRunStatus = 'FAILED' | 'CANCELLED' | 'TIMED_OUT';

export const FINAL_STATUSES: readonly RunStatus[] = ['COMPLETED', 'FAILED', 'CANCELLED', 'TIMED_OUT'];
export const WAITING_STATUSES: readonly RunStatus[] = ['AWAITING_APPROVAL', 'WAITING'];

/** JSON as stored: what came in (redacted) and what an agent or tool gave back. */
export type StoredJson = string | number | boolean | null | StoredJson[] | { [key: string]: StoredJson };

export interface RunRecord {
  id: string;
  organizationId: string;
  agentName: string;
  userId: string | null;
  intent: string | null;
  status: RunStatus;
  mode: RunMode;
  input: StoredJson;
  output: StoredJson | null;
  errorClass: string | null;
  errorMessage: string | null;
  attempt: number;
  /** `attempt` when the run last began waiting: its retry budget counts the attempts after it. */
  attemptsBeforeWait: number;
  /** When a QUEUED run may start (runAt), a WAITING run wakes, or a pending approval expires. */
  wakeAt: Date | null;
  scheduleId: string | null;
  /** The campaign the run works for: set by a launch, inherited by the runs it starts. */
  campaignId: string | null;
  /** The run that started this one through `runs.start`. */
  parentRunId: string | null;
  requestHash: string | null;
  cancelRequestedAt: Date | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  durationMs: number | null;
  /** Model tokens and cost of every model call the run made, across its attempts. */
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  /** Model calls whose model had no price: when above 0, costUsd leaves them out. */
  unpricedCalls: number;
}

export interface ToolExecutionRecord {
  id: string;
  toolName: string;
  connectorKey: string | null;
  action: string;
  step: number;
  attempt: number;
  status: ToolExecutionStatus;
  input: StoredJson;
  output: StoredJson | null;
  errorClass: string | null;
  errorMessage: string | null;
  startedAt: Date;
  finishedAt: Date | null;
  durationMs: number | null;
  /** Set when a model served the call. */
  provider: string | null;
  model: string | null;
  inputTokens: number | null;
  outputTokens: number | null;
  costUsd: number | null;
}

/** A run as it ended, with the tool executions that ended with it: what a sync caller is answered. */
export interface FinishedRun {
  run: RunRecord;
  toolExecutions: ToolExecutionRecord[];
  /** Something the caller should know about a run that is not finished yet (queued with no worker). */
  warning?: string;
  /** What ended it, when it failed in this process: a sync caller may be answered with its status (402). */
  failure?: Error;
}

export interface NewRun {
  organizationId: string;
  agentId: string;
  agentName: string;
  userId?: string;
  intent?: string;
  mode: RunMode;
  /** Serialised as JSON on insert (already redacted). */
  input: unknown;
  idempotencyKey?: string;
  requestHash?: string;
  /** Not before this time (POST /v1/runs {runAt}): QUEUED until then. */
  runAt?: Date;
  /** The schedule whose tick created the run. */
  scheduleId?: string;
  /** The campaign it works for; a child without one inherits its parent's. */
  campaignId?: string;
  parentRunId?: string;
}

/** A value as it is written to a jsonb column: JSON text, `null` for nothing. */
export function jsonParam(value: unknown): string {
  return JSON.stringify(value ?? null);
}

/** A timestamp parameter: ISO text, cheaper for the driver than a Date and exact for timestamptz. */
export function timestampParam(date: Date | number = Date.now()): string {
  return new Date(date).toISOString();
}
