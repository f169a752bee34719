import type { Prisma } from '../../generated/prisma/client';
import { redactForStorage } from '../../infra/logging/redaction';
import { errorClassOf } from '../../infra/resilience/classified-error';
import { ToolNotAllowedError } from '../agents/agent-errors';
import type { ToolInvoker } from '../agents/agent.types';
import { RunMetrics } from '../telemetry/run-metrics';
import { ToolRegistry } from '../tools/tool-registry';
import { NonDeterministicReplayError } from './run-errors';
import { ToolExecutionsRepository } from './tool-executions.repository';

export interface ProxyScope {
  runId: string;
  organizationId: string;
  agent: string;
  attempt: number;
  allowedTools: readonly string[];
  signal: AbortSignal;
}

export interface ProxyDeps {
  tools: ToolRegistry;
  log: ToolExecutionsRepository;
  metrics: RunMetrics;
}

export function toJson(value: unknown): Prisma.InputJsonValue {
  return JSON.parse(JSON.stringify(value ?? null)) as Prisma.InputJsonValue;
}

/**
 * The only way agent code reaches a tool. Every call is numbered (its step) and recorded before
 * it is made; a step that succeeded in an earlier attempt of the same run is answered from the
 * record instead of being made again, so a retry never sends the same email twice.
 */
export class RecordingToolProxy implements ToolInvoker {
  private step = 0;

  constructor(private readonly deps: ProxyDeps, private readonly scope: ProxyScope) {}

  async call<TOutput = unknown>(tool: string, action: string, input: Record<string, unknown>): Promise<TOutput> {
    const step = ++this.step;
    const name = `${tool}.${action}`;
    const allowed = this.scope.allowedTools.includes(name) || this.scope.allowedTools.includes(`${tool}.*`) || this.scope.allowedTools.includes('*');
    if (!allowed) throw new ToolNotAllowedError(this.scope.agent, name);
    this.scope.signal.throwIfAborted();

    // A first attempt has nothing recorded yet: skip the lookup (one round trip per call saved).
    const recorded = this.scope.attempt > 1 ? await this.deps.log.findSucceededStep(this.scope.runId, step) : null;
    if (recorded) {
      if (recorded.toolName !== tool || recorded.action !== action) {
        throw new NonDeterministicReplayError(`step ${step} was ${recorded.toolName}.${recorded.action} in an earlier attempt, now ${name}`);
      }
      this.deps.metrics.toolExecuted(tool, 'REPLAYED');
      return recorded.output as TOutput;
    }

    const { definition, action: impl, toolId } = this.deps.tools.action(tool, action);
    const started = performance.now();
    const executionId = await this.deps.log.start({
      organizationId: this.scope.organizationId,
      runId: this.scope.runId,
      toolId,
      toolName: tool,
      connectorKey: definition.connectorKey,
      action,
      step,
      attempt: this.scope.attempt,
      input: toJson(redactForStorage(input)),
    });
    try {
      const output = await impl.execute(input, {
        organizationId: this.scope.organizationId,
        runId: this.scope.runId,
        step,
        idempotencyKey: `${this.scope.runId}:${step}`,
        signal: this.scope.signal,
      });
      await this.deps.log.finish(executionId, 'SUCCEEDED', { output: toJson(redactForStorage(output)), durationMs: Math.round(performance.now() - started) });
      this.deps.metrics.toolExecuted(tool, 'SUCCEEDED');
      return output as TOutput;
    } catch (error) {
      const failure = error instanceof Error ? error : new Error(String(error));
      await this.deps.log.finish(executionId, 'FAILED', { errorClass: errorClassOf(failure), errorMessage: failure.message, durationMs: Math.round(performance.now() - started) });
      this.deps.metrics.toolExecuted(tool, 'FAILED');
      throw error;
    }
  }
}
