import { Injectable } from '@nestjs/common';
import { Sql } from '../../../infra/database/sql';
import type { RunEventRecord } from '../events/run-event';
import { RunEvents } from '../events/run-events';
import type { ModelUsage } from '../../tools/tool.types';
import { jsonParam, type ToolExecutionRecord, type ToolExecutionStatus } from '../run.records';
import { STEP_SQL } from './step-sql';

export interface StepStart {
  organizationId: string;
  runId: string;
  toolId?: string;
  toolName: string;
  connectorKey?: string;
  action: string;
  step: number;
  attempt: number;
  /** Serialised as JSON (already redacted). */
  input: unknown;
}

export interface StepResult {
  output?: unknown;
  errorClass?: string;
  errorMessage?: string;
  durationMs: number;
  /** What the models that served the call used; the run's totals grow by it in the same statement. */
  modelUsage?: ModelUsage;
}

/** A finished step as the statement returns it: the record, and what its step.finished event needs. */
type FinishedStepRow = ToolExecutionRecord & { runId: string; organizationId: string; eventId: string };

/** The live copy of a step event; the stored one is read from the step's row (RUN_EVENT_SQL.after), with the same data. */
function stepEvent(id: string, organizationId: string, runId: string, type: 'step.started' | 'step.finished', data: Record<string, unknown>, at: Date): RunEventRecord {
  return { id, organizationId, runId, type, data, createdAt: at.toISOString() };
}

/**
 * The run's durable step log (ToolExecution rows). Always the plain pool, never the run's
 * transaction: a tool call that really happened (an email sent) stays on record even when the run
 * rolls back, and a later attempt replays it instead of repeating it.
 */
@Injectable()
export class StepLog {
  constructor(private readonly sql: Sql, private readonly events: RunEvents) {}

  async start(row: StepStart): Promise<string> {
    const [created] = await this.sql.rows<{ id: string; eventId: string; startedAt: Date }>(STEP_SQL.start, [
      row.organizationId,
      row.runId,
      row.toolId ?? null,
      row.toolName,
      row.connectorKey ?? null,
      row.action,
      row.step,
      row.attempt,
      jsonParam(row.input),
    ]);
    this.events.publish([
      stepEvent(created.eventId, row.organizationId, row.runId, 'step.started', { step: row.step, tool: row.toolName, action: row.action, attempt: row.attempt }, created.startedAt),
    ]);
    return created.id;
  }

  /** The finished row, as recorded: the run's answer is built from these, never re-read. */
  async finish(id: string, status: Exclude<ToolExecutionStatus, 'RUNNING'>, result: StepResult): Promise<ToolExecutionRecord> {
    const common = [id, status, result.output === undefined ? null : jsonParam(result.output), result.errorClass ?? null, result.errorMessage ?? null, result.durationMs];
    const usage = result.modelUsage;
    const [row] = usage
      ? await this.sql.rows<FinishedStepRow>(STEP_SQL.finishMetered, [...common, usage.provider, usage.model, usage.inputTokens, usage.outputTokens, usage.costUsd])
      : await this.sql.rows<FinishedStepRow>(STEP_SQL.finish, common);
    const { runId, organizationId, eventId, ...record } = row;
    const data = { step: record.step, tool: record.toolName, action: record.action, attempt: record.attempt, status: record.status, durationMs: record.durationMs, errorClass: record.errorClass };
    this.events.publish([stepEvent(eventId, organizationId, runId, 'step.finished', data, record.finishedAt ?? new Date())]);
    return record;
  }

  /** Closes the calls that attempts before `attempt` left RUNNING (their process died); how many. */
  async interruptEarlier(runId: string, attempt: number): Promise<number> {
    return (await this.sql.maybeOne<{ interrupted: number }>(STEP_SQL.interruptEarlier, [runId, attempt]))?.interrupted ?? 0;
  }

  /** What a resumed attempt replays, read once: a run resumed after an approval replays every step before it. */
  succeededSteps(runId: string): Promise<ToolExecutionRecord[]> {
    return this.sql.rows<ToolExecutionRecord>(STEP_SQL.succeededSteps, [runId]);
  }

  forRun(runId: string): Promise<ToolExecutionRecord[]> {
    return this.sql.rows<ToolExecutionRecord>(STEP_SQL.forRun, [runId]);
  }
}
