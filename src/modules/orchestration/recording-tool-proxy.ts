import { redactForStorage } from '../../infra/logging/redaction';
import { errorClassOf } from '../../infra/resilience/classified-error';
import { ToolNotAllowedError } from '../agents/agent-errors';
import type { RunUsageSoFar, ToolInvoker } from '../agents/agent.types';
import type { ModelUsage } from '../tools/tool.types';
import { RunMetrics } from '../telemetry/run-metrics';
import { ToolRegistry } from '../tools/tool-registry';
import type { StepLog } from './persistence/step-log';
import { NonDeterministicReplayError } from './run-errors';
import type { ToolExecutionRecord } from './run.records';

export interface ProxyScope {
  runId: string;
  organizationId: string;
  agent: string;
  attempt: number;
  allowedTools: readonly string[];
  signal: AbortSignal;
  /** Live text deltas of a streaming model call, with its step (the run's event stream listens here). */
  onTextDelta?: (step: number, delta: string) => void;
}

export interface ProxyDeps {
  tools: ToolRegistry;
  steps: StepLog;
  metrics: RunMetrics;
}

/**
 * The ToolExecution interceptor: the only way agent code reaches a tool. Every call is numbered
 * (its step) and recorded before it is made and after it returns; a step that succeeded in an
 * earlier attempt of the same run is answered from the record instead of being made again, so a
 * retry never sends the same email twice. The rows it finished are kept (`recorded`), so the run's
 * answer is built without reading them back.
 */
export class RecordingToolProxy implements ToolInvoker {
  private step = 0;
  /** The run's steps that succeeded in earlier attempts, by step: read on the first lookup of a later attempt. */
  private succeeded?: Promise<Map<number, ToolExecutionRecord>>;
  readonly recorded: ToolExecutionRecord[] = [];
  /** Model usage of the steps made or replayed by this proxy. */
  readonly usage: RunUsageSoFar = { inputTokens: 0, outputTokens: 0, costUsd: 0, unpricedCalls: 0 };

  constructor(private readonly deps: ProxyDeps, private readonly scope: ProxyScope) {}

  async call<TOutput = unknown>(tool: string, action: string, input: Record<string, unknown>): Promise<TOutput> {
    const step = ++this.step;
    const name = `${tool}.${action}`;
    const allowed = this.scope.allowedTools.includes(name) || this.scope.allowedTools.includes(`${tool}.*`) || this.scope.allowedTools.includes('*');
    if (!allowed) throw new ToolNotAllowedError(this.scope.agent, name);
    this.scope.signal.throwIfAborted();

    const replayed = await this.replayed(step, tool, action);
    if (replayed) return replayed.output as TOutput;

    const { definition, action: impl, toolId } = this.deps.tools.action(tool, action);
    const started = performance.now();
    const executionId = await this.deps.steps.start({
      organizationId: this.scope.organizationId,
      runId: this.scope.runId,
      toolId,
      toolName: tool,
      connectorKey: definition.connectorKey,
      action,
      step,
      attempt: this.scope.attempt,
      input: redactForStorage(input),
    });
    const elapsed = () => Math.round(performance.now() - started);
    let modelUsage: ModelUsage | undefined;
    let output: unknown;
    try {
      output = await impl.execute(input, {
        organizationId: this.scope.organizationId,
        runId: this.scope.runId,
        agent: this.scope.agent,
        step,
        idempotencyKey: `${this.scope.runId}:${step}`,
        signal: this.scope.signal,
        reportModelUsage: (usage) => (modelUsage = addUsage(modelUsage, usage)),
        emitTextDelta: this.scope.onTextDelta && ((delta) => this.scope.onTextDelta?.(step, delta)),
      });
    } catch (error) {
      const failure = error instanceof Error ? error : new Error(String(error));
      const row = await this.deps.steps.finish(executionId, 'FAILED', { errorClass: errorClassOf(failure), errorMessage: failure.message, durationMs: elapsed(), modelUsage });
      this.recorded.push(row);
      this.count(row);
      this.deps.metrics.toolExecuted(tool, 'FAILED');
      throw error;
    }
    const row = await this.deps.steps.finish(executionId, 'SUCCEEDED', { output: redactForStorage(output), durationMs: elapsed(), modelUsage });
    this.recorded.push(row);
    this.count(row);
    this.deps.metrics.toolExecuted(tool, 'SUCCEEDED');
    return output as TOutput;
  }

  /** The next step's number, for a step that is not a tool call (a wait): numbered here so replays line up. */
  nextStep(): number {
    this.scope.signal.throwIfAborted();
    return ++this.step;
  }

  /** What `step` recorded in an earlier attempt, when it succeeded there; it must be the same tool and action. */
  async replayed(step: number, tool: string, action: string): Promise<ToolExecutionRecord | null> {
    // A first attempt has nothing recorded yet: no lookup. A later one reads its run's succeeded
    // steps once, not one round trip per step (a run resumed after a wait replays every step before it).
    if (this.scope.attempt <= 1) return null;
    this.succeeded ??= this.deps.steps.succeededSteps(this.scope.runId).then((rows) => new Map(rows.map((row) => [row.step, row])));
    const replayed = (await this.succeeded).get(step);
    if (!replayed) return null;
    if (replayed.toolName !== tool || replayed.action !== action) {
      throw new NonDeterministicReplayError(`step ${step} was ${replayed.toolName}.${replayed.action} in an earlier attempt, now ${tool}.${action}`);
    }
    this.deps.metrics.toolExecuted(tool, 'REPLAYED');
    this.count(replayed);
    return replayed;
  }

  /** Records a step that settled without a call (a decided approval, a sleep's wake-up time). */
  async recordSettled(step: number, tool: string, action: string, input: Record<string, unknown>, output: unknown): Promise<void> {
    const id = await this.deps.steps.start({ organizationId: this.scope.organizationId, runId: this.scope.runId, toolName: tool, action, step, attempt: this.scope.attempt, input: redactForStorage(input) });
    this.recorded.push(await this.deps.steps.finish(id, 'SUCCEEDED', { output: redactForStorage(output), durationMs: 0 }));
  }

  private count(row: ToolExecutionRecord): void {
    if (row.model === null) return;
    this.usage.inputTokens += row.inputTokens ?? 0;
    this.usage.outputTokens += row.outputTokens ?? 0;
    if (row.costUsd === null) this.usage.unpricedCalls++;
    else this.usage.costUsd = Math.round((this.usage.costUsd + row.costUsd) * 1e6) / 1e6;
  }
}

/** Several model calls in one step add up; the step names the last model, and an unpriced call makes the cost unknown. */
function addUsage(total: ModelUsage | undefined, usage: ModelUsage): ModelUsage {
  if (!total) return { ...usage };
  return {
    provider: usage.provider,
    model: usage.model,
    inputTokens: total.inputTokens + usage.inputTokens,
    outputTokens: total.outputTokens + usage.outputTokens,
    costUsd: total.costUsd === null || usage.costUsd === null ? null : Math.round((total.costUsd + usage.costUsd) * 1e6) / 1e6,
  };
}
