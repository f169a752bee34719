export interface ToolCallContext {
  organizationId: string;
  runId: string;
  step: number;
  /** Stable across attempts of the same step: providers use it so a repeated send is not repeated. */
  idempotencyKey: string;
  signal: AbortSignal;
}

export interface ToolAction {
  description: string;
  execute(input: Record<string, unknown>, context: ToolCallContext): Promise<unknown>;
}

export interface ToolDefinition {
  name: string;
  description: string;
  /** The connector a call goes through, recorded on each ToolExecution. */
  connectorKey?: string;
  actions: Record<string, ToolAction>;
}
