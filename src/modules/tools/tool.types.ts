/** What a model call inside a tool call cost: recorded on the step's ToolExecution and added to the run's totals. */
export interface ModelUsage {
  provider: string;
  model: string;
  inputTokens: number;
  outputTokens: number;
  /** Null when the model has no price in the price table: never a guess. */
  costUsd: number | null;
}

export interface ToolCallContext {
  organizationId: string;
  runId: string;
  /** The calling run's agent. */
  agent: string;
  step: number;
  /** Stable across attempts of the same step: providers use it so a repeated send is not repeated. */
  idempotencyKey: string;
  signal: AbortSignal;
  /**
   * Tells the step log a model served part of this call (an embedding, a generation). Several
   * reports in one call add up; they are recorded only if the call is recorded (a run step).
   */
  reportModelUsage(usage: ModelUsage): void;
  /**
   * Where a streaming model call sends its text deltas as they arrive: the run's live event
   * stream when one listens (deltas are not stored one by one; the step records the whole text).
   */
  emitTextDelta?(delta: string): void;
}

export interface ToolAction {
  description: string;
  /** The class-validator DTO its input must satisfy: the JSON schema a model is shown when it may call this action. */
  input?: new () => object;
  execute(input: Record<string, unknown>, context: ToolCallContext): Promise<unknown>;
}

export interface ToolDefinition {
  name: string;
  description: string;
  /** The connector a call goes through, recorded on each ToolExecution. */
  connectorKey?: string;
  actions: Record<string, ToolAction>;
}
