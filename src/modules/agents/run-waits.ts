/**
 * What agent code may wait for. Each wait is a step of the run's step log: the first time, the
 * run is released (its process keeps nothing: no memory, connection or worker slot) until a
 * person decides or the time comes; the run then resumes as a new attempt on any worker, its
 * recorded steps replay, and the wait answers with what was recorded.
 *
 * A wait surfaces to agent code as a thrown `RunSuspendedSignal` that the engine catches: agent
 * code must let it through (never swallow errors it does not know).
 */
export interface ApprovalRequest {
  /** What the reviewer sees first, e.g. "Post to Instagram for Northwind Coffee". */
  title: string;
  summary?: string;
  /** What the reviewer decides on (the drafted post, the email), stored redacted. */
  payload?: Record<string, unknown>;
  /** No decision by then counts as rejected (decision `expired`); none: it waits until decided. */
  expiresInMs?: number;
}

export interface ApprovalDecision {
  approved: boolean;
  decision: 'approved' | 'rejected' | 'expired';
  /** The reviewer's changes to the payload: the agent uses them instead of its own draft. */
  edits?: Record<string, unknown>;
  /** The deciding user's id; null when the request expired. */
  reviewer: string | null;
  comment?: string;
  /** ISO time of the decision. */
  decidedAt: string;
}

export interface ApprovalGate {
  request(request: ApprovalRequest): Promise<ApprovalDecision>;
}

/** How a run this run started ended (`waitForRun`). */
export interface ChildRunOutcome {
  runId: string;
  /** A final status: COMPLETED, FAILED, CANCELLED or TIMED_OUT. */
  status: string;
  output: unknown;
  errorClass: string | null;
  errorMessage: string | null;
}

export interface RunWaits {
  approval: ApprovalGate;
  /**
   * Waits, released, until a run this run started (`runs.start`) ends, and answers how it ended.
   * The child's end wakes the parent; a periodic re-check covers a wake-up that was lost.
   */
  waitForRun(runId: string): Promise<ChildRunOutcome>;
  /** A durable sleep: the run is released and a delayed job wakes it. */
  sleep(ms: number): Promise<void>;
  sleepUntil(until: Date): Promise<void>;
}
