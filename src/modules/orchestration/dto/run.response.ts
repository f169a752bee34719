import { ApiExtraModels, ApiProperty, ApiPropertyOptional, getSchemaPath, type ApiPropertyOptions } from '@nestjs/swagger';
import type { RunRecord, ToolExecutionRecord } from '../run.records';
import { RUN_STATUSES } from './list-runs.query';

export class RunErrorView {
  @ApiProperty({ example: 'TimeoutError' }) class!: string;
  @ApiProperty() message!: string;
}

/**
 * OpenAPI 3.0 cannot mark a `$ref` nullable: `nullable` beside `allOf` or a lone `$ref` is ignored
 * by validators (they then reject `null`). "This object or null" is said as a `oneOf` of the
 * reference and a null-only schema, which validators, linters and openapi-typescript all read so.
 */
const NULLABLE_RUN_ERROR: ApiPropertyOptions = {
  oneOf: [{ $ref: getSchemaPath(RunErrorView) }, { type: 'object', nullable: true, enum: [null] }],
  description: 'Why the run or call failed; null unless it did',
};

/** Any JSON object the agent or tool returned: free-form, so typed clients get `Record<string, unknown>`. */
const FREE_FORM_OUTPUT: ApiPropertyOptions = { type: 'object', additionalProperties: true, nullable: true, description: 'Secrets redacted; null until there is one' };

/** What a model call in a step used and cost. */
export class StepModelUsageView {
  @ApiProperty({ example: 'openai.chat' }) provider!: string;
  @ApiProperty({ example: 'gpt-4o-mini' }) model!: string;
  @ApiProperty() inputTokens!: number;
  @ApiProperty() outputTokens!: number;
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'USD; null when the model has no price in the price table' }) costUsd!: number | null;
}

/** The run's model usage across all its attempts: what an agency bills its client for. */
export class RunUsageView {
  @ApiProperty() inputTokens!: number;
  @ApiProperty() outputTokens!: number;
  @ApiProperty({ description: 'USD of the priced model calls' }) costUsd!: number;
  @ApiProperty({ description: 'Model calls whose model has no price; costUsd leaves them out' }) unpricedCalls!: number;
}

@ApiExtraModels(RunErrorView, StepModelUsageView)
export class ToolExecutionView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'diagnostics' }) tool!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) connector!: string | null;
  @ApiProperty({ example: 'echo' }) action!: string;
  @ApiProperty({ description: 'Position of the call in the run; stable across attempts' }) step!: number;
  @ApiProperty() attempt!: number;
  @ApiProperty({ enum: ['RUNNING', 'SUCCEEDED', 'FAILED', 'INTERRUPTED'] }) status!: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'Secrets redacted' }) input!: unknown;
  @ApiPropertyOptional(FREE_FORM_OUTPUT) output!: unknown;
  @ApiPropertyOptional(NULLABLE_RUN_ERROR) error!: RunErrorView | null;
  @ApiProperty({ type: String, format: 'date-time' }) startedAt!: string;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) finishedAt!: string | null;
  @ApiPropertyOptional({ type: Number, nullable: true }) durationMs!: number | null;
  @ApiPropertyOptional({
    oneOf: [{ $ref: getSchemaPath(StepModelUsageView) }, { type: 'object', nullable: true, enum: [null] }],
    description: 'Set when a model served the call (tool llm, or a tool that embeds)',
  })
  modelUsage!: StepModelUsageView | null;
}

@ApiExtraModels(RunErrorView)
export class RunView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'echo' }) agent!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) intent!: string | null;
  @ApiProperty({ enum: RUN_STATUSES }) status!: string;
  @ApiProperty({ enum: ['SYNC', 'ASYNC'] }) mode!: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'Secrets redacted' }) input!: unknown;
  @ApiPropertyOptional(FREE_FORM_OUTPUT) output!: unknown;
  @ApiPropertyOptional(NULLABLE_RUN_ERROR) error!: RunErrorView | null;
  @ApiProperty({ description: 'Attempts started so far (retries and crash recoveries)' }) attempt!: number;
  @ApiProperty({ description: 'A cancel was requested and the run is winding down' }) cancelRequested!: boolean;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: string;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) startedAt!: string | null;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) finishedAt!: string | null;
  @ApiPropertyOptional({ type: Number, nullable: true }) durationMs!: number | null;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true, description: 'When a QUEUED run may start (runAt), a WAITING run wakes, or a pending approval expires' })
  wakeAt!: string | null;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'The schedule whose tick started the run' }) scheduleId!: string | null;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'The campaign the run works for' }) campaignId!: string | null;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'The run that started this one (a stage or a campaign step)' }) parentRunId!: string | null;
  @ApiProperty({ type: RunUsageView }) usage!: RunUsageView;
  @ApiPropertyOptional({ type: [ToolExecutionView], description: 'Present on single-run responses' }) toolExecutions?: ToolExecutionView[];
}

export class RunPage {
  @ApiProperty({ type: [RunView] }) items!: RunView[];
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Pass as cursor for the next page; null on the last page' }) nextCursor!: string | null;
}

export class QueuedRunView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ['QUEUED', 'AWAITING_APPROVAL', 'WAITING'], description: 'QUEUED (async, runAt); a sync run that began to wait answers 202 with its waiting status' }) status!: string;
  @ApiPropertyOptional({ description: 'Present when no worker is consuming the queue right now: the run waits until one starts' })
  warning?: string;
}

const iso = (d: Date | null) => d?.toISOString() ?? null;

export function toToolExecutionView(row: ToolExecutionRecord): ToolExecutionView {
  return {
    id: row.id,
    tool: row.toolName,
    connector: row.connectorKey,
    action: row.action,
    step: row.step,
    attempt: row.attempt,
    status: row.status,
    input: row.input,
    output: row.output,
    error: row.errorClass ? { class: row.errorClass, message: row.errorMessage ?? '' } : null,
    startedAt: row.startedAt.toISOString(),
    finishedAt: iso(row.finishedAt),
    durationMs: row.durationMs,
    modelUsage:
      row.model === null
        ? null
        : { provider: row.provider ?? '', model: row.model, inputTokens: row.inputTokens ?? 0, outputTokens: row.outputTokens ?? 0, costUsd: row.costUsd },
  };
}

export function toRunView(run: RunRecord, toolExecutions?: ToolExecutionRecord[]): RunView {
  return {
    id: run.id,
    agent: run.agentName,
    intent: run.intent,
    status: run.status,
    mode: run.mode,
    input: run.input,
    output: run.output,
    error: run.errorClass ? { class: run.errorClass, message: run.errorMessage ?? '' } : null,
    attempt: run.attempt,
    cancelRequested: run.cancelRequestedAt !== null,
    createdAt: run.createdAt.toISOString(),
    startedAt: iso(run.startedAt),
    finishedAt: iso(run.finishedAt),
    durationMs: run.durationMs,
    wakeAt: run.wakeAt ? new Date(run.wakeAt).toISOString() : null,
    scheduleId: run.scheduleId ?? null,
    campaignId: run.campaignId ?? null,
    parentRunId: run.parentRunId ?? null,
    usage: { inputTokens: run.inputTokens, outputTokens: run.outputTokens, costUsd: run.costUsd, unpricedCalls: run.unpricedCalls },
    ...(toolExecutions ? { toolExecutions: toolExecutions.map(toToolExecutionView) } : {}),
  };
}
