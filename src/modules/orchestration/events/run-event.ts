import { redisChannels } from '../../../infra/redis/redis-keys';

/**
 * A run's event log: what happened to it, in order. Stored events have an id (the SSE event id,
 * increasing within a run); a model's text deltas are only streamed live, never stored one by one
 * (the step's finished row holds the whole text).
 */
export const STORED_RUN_EVENT_TYPES = [
  'run.created',
  /** Queued (again) with a reason: handed back, recovered, waiting for its organization's slot. */
  'run.queued',
  'run.started',
  /** Started again after a wait or a recovery: its recorded steps replay. */
  'run.resumed',
  'step.started',
  'step.finished',
  'run.approval_requested',
  'run.approval_decided',
  'run.waiting',
  'run.completed',
  'run.failed',
  'run.cancelled',
  'run.timed_out',
] as const;

export type StoredRunEventType = (typeof STORED_RUN_EVENT_TYPES)[number];

export const TEXT_DELTA_EVENT = 'step.text_delta';

/** After one of these, nothing more happens to the run: a stream closes. */
export const FINAL_RUN_EVENT_TYPES: readonly StoredRunEventType[] = ['run.completed', 'run.failed', 'run.cancelled', 'run.timed_out'];

export interface RunEventRecord {
  /** bigint as text: increasing, the SSE `id` and `Last-Event-ID`. */
  id: string;
  organizationId: string;
  runId: string;
  type: StoredRunEventType;
  data: Record<string, unknown>;
  /** ISO text, as it came out of the database. */
  createdAt: string;
}

/** A live text delta of a streaming model call: published, never stored. */
export interface RunTextDelta {
  runId: string;
  type: typeof TEXT_DELTA_EVENT;
  step: number;
  delta: string;
}

/** What travels on a run's channel. */
export type RunEventMessage = RunEventRecord | RunTextDelta;

/** The Redis channel of one run's events: every process that follows the run subscribes to it. */
export function runEventChannel(runId: string): string {
  return redisChannels.runEvents(runId);
}

export function isFinalRunEvent(event: RunEventMessage): boolean {
  return event.type !== TEXT_DELTA_EVENT && FINAL_RUN_EVENT_TYPES.includes(event.type);
}
