import type { AppConfig } from '../../config/app-config';
import type { AgentKind } from '../../generated/prisma/enums';
import type { ModelInvoker } from './model-invoker';
import type { RunQueueName } from './agent-queues';
import type { ApprovalGate, ChildRunOutcome } from './run-waits';

/** Per-agent overrides of the orchestration policies. */
export interface AgentPolicyOverrides {
  timeoutMs?: number;
  maxAttempts?: number;
  rateLimitPerMinute?: number;
}

export interface AgentDefinition {
  name: string;
  kind: AgentKind;
  description: string;
  /** class-validator DTO the run input must satisfy. */
  input: new () => object;
  /** `<tool>.<action>` names the agent may call through its tool proxy (`<tool>.*` or `*` for any). */
  tools: string[];
  policy?: AgentPolicyOverrides;
  /**
   * The outbound writes (`<channel>.<verb>`, e.g. `email.send`, `social.publish`, `budget.change`)
   * whose approval an organization configures per agent; each defaults to `always`.
   */
  writes?: string[];
  /** The queue its runs travel on (RUN_QUEUES; default agent.run). */
  queue?: RunQueueName;
  /** Agents its runs may start through `runs.start` (their stages, or a campaign's steps). */
  starts?: string[];
  /** A stage another agent starts (`runs.start`), not a product a person runs: listed, but refused on POST /v1/runs. */
  internal?: boolean;
  /** Whether this deployment offers the agent (default: always); a disabled agent is not registered. */
  enabled?: (config: AppConfig) => boolean;
}

/** How an agent reaches the outside world: only through the recording proxy. */
export interface ToolInvoker {
  call<TOutput = unknown>(tool: string, action: string, input: Record<string, unknown>): Promise<TOutput>;
}

export interface AgentRunContext {
  runId: string;
  organizationId: string;
  userId?: string;
  attempt: number;
  intent?: string;
  /** Aborted on cancellation or timeout; agents pass it to anything that waits. */
  signal: AbortSignal;
  tools: ToolInvoker;
  /** The language model, through the same proxy: each call is a recorded, budgeted, replayable `llm` step. */
  model: ModelInvoker;
  /** A person's decision before the agent acts (the run waits released, then resumes with it). */
  approval: ApprovalGate;
  /** Durable sleeps: the run waits released and a delayed job resumes it (a day holds nothing for a day). */
  sleep(ms: number): Promise<void>;
  sleepUntil(until: Date): Promise<void>;
  /** Released until a run this run started ends (a campaign's step): its final status and output. */
  waitForRun(runId: string): Promise<ChildRunOutcome>;
  /** Model tokens and cost of the steps this attempt made or replayed so far. */
  usage(): RunUsageSoFar;
  /**
   * Registers a database write that commits in one short transaction together with the run's
   * COMPLETED status, and never happens if the run fails. Writes run through CLS-aware
   * repositories (`txHost.tx`), so no transaction is held while the agent calls tools or waits.
   */
  onCommit(write: () => Promise<void>): void;
}

export interface RunUsageSoFar {
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  /** Calls whose model has no price: costUsd leaves them out. */
  unpricedCalls: number;
}

export interface AgentHandler<TInput = object, TOutput = unknown> {
  run(input: TInput, context: AgentRunContext): Promise<TOutput>;
  /**
   * Checks that the DTO cannot express (a named connector action exists, say), after the DTO
   * validated: a ValidationFailedError here is the caller's 400 before any run exists.
   */
  check?(input: TInput): Promise<void>;
}
