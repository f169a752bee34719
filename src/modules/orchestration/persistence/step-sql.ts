/** Every statement of the run's step log (ToolExecution rows); see run-sql.ts for the conventions. */
import { RUN_EVENT_COLUMNS } from '../events/run-event-sql';
import { EVENTS_OF_APPENDED, interruptedSteps, TOOL_EXECUTION_RECORD } from './sql-fragments';

/** A CTE appending one event per row of CTE `step` (a tool execution with "run_id" and "organization_id"). */
const stepEvent = (type: string, data: string) => `appended AS (
      INSERT INTO "run_events" ("organization_id", "run_id", "type", "data")
      SELECT "organization_id", "run_id", ${type}, ${data} FROM step
      RETURNING ${RUN_EVENT_COLUMNS})`;
const STEP_FINISHED_DATA = `jsonb_build_object('step', "step", 'tool', "tool_name", 'action', "action", 'attempt', "attempt", 'status', "step_status",
  'durationMs', "durationMs", 'errorClass', "errorClass")`;

export const STEP_SQL = {
  /** On a recovered run's new attempt ($2): the calls earlier attempts left open are closed INTERRUPTED. */
  interruptEarlier: `WITH ${interruptedSteps('$1::uuid', '$2')} SELECT count(*)::int AS "interrupted" FROM interrupted`,

  /** Appends step.started in the same statement; answers the row's id and the events. */
  start: `
    WITH step AS (
      INSERT INTO "tool_executions" ("organization_id", "run_id", "tool_id", "tool_name", "connector_key", "action", "step", "attempt", "status", "input", "started_at")
      VALUES ($1::uuid, $2::uuid, $3::uuid, $4, $5, $6, $7, $8, 'RUNNING'::"ToolExecutionStatus", $9::jsonb, now())
      RETURNING "id", "organization_id", "run_id", "step", "tool_name", "action", "attempt"),
    ${stepEvent(`'step.started'`, `jsonb_build_object('step', "step", 'tool', "tool_name", 'action', "action", 'attempt', "attempt")`)}
    SELECT "id", (SELECT ${EVENTS_OF_APPENDED}) AS "events" FROM step`,

  /** $2 status, $3 output, $4 error class, $5 message, $6 duration (measured around the call itself). Appends step.finished. */
  finish: `
    WITH step AS (
      UPDATE "tool_executions"
      SET "status" = $2::"ToolExecutionStatus", "output" = $3::jsonb, "error_class" = $4, "error_message" = $5, "duration_ms" = $6,
          "finished_at" = now()
      WHERE "id" = $1::uuid
      RETURNING ${TOOL_EXECUTION_RECORD}, "run_id", "organization_id", "tool_name", "status" AS "step_status"),
    ${stepEvent(`'step.finished'`, STEP_FINISHED_DATA)}
    SELECT step.*, (SELECT ${EVENTS_OF_APPENDED}) AS "events" FROM step`,

  /**
   * `finish` for a step a model served: the step's usage ($7 provider, $8 model, $9/$10 tokens in
   * and out, $11 cost or NULL when unpriced) and, in the same statement, the run's totals. Totals
   * grow as calls finish, durably, so the calls of a failed attempt stay billed and a replayed
   * step (never finished again) is not counted twice.
   */
  finishMetered: `
    WITH step AS (
      UPDATE "tool_executions"
      SET "status" = $2::"ToolExecutionStatus", "output" = $3::jsonb, "error_class" = $4, "error_message" = $5, "duration_ms" = $6,
          "finished_at" = now(), "provider" = $7, "model" = $8, "input_tokens" = $9, "output_tokens" = $10, "cost_usd" = $11::numeric
      WHERE "id" = $1::uuid
      RETURNING ${TOOL_EXECUTION_RECORD}, "run_id", "organization_id", "tool_name", "status" AS "step_status"
    ), totals AS (
      UPDATE "agent_runs"
      SET "input_tokens" = "input_tokens" + $9, "output_tokens" = "output_tokens" + $10,
          "cost_usd" = "cost_usd" + coalesce($11::numeric, 0), "unpriced_calls" = "unpriced_calls" + CASE WHEN $11::numeric IS NULL THEN 1 ELSE 0 END
      WHERE "id" = (SELECT "run_id" FROM step)
    ),
    ${stepEvent(`'step.finished'`, STEP_FINISHED_DATA)}
    SELECT step.*, (SELECT ${EVENTS_OF_APPENDED}) AS "events" FROM step`,

  /** A step that already succeeded in an earlier attempt: its recorded result replaces the call. */
  succeededStep: `
    SELECT ${TOOL_EXECUTION_RECORD} FROM "tool_executions"
    WHERE "run_id" = $1::uuid AND "step" = $2 AND "status" = 'SUCCEEDED'::"ToolExecutionStatus"
    ORDER BY "attempt" LIMIT 1`,

  forRun: `
    SELECT ${TOOL_EXECUTION_RECORD} FROM "tool_executions" WHERE "run_id" = $1::uuid ORDER BY "step", "attempt"`,
} as const;
