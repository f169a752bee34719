/** Every statement of the run's step log (ToolExecution rows); see run-sql.ts for the conventions. */
import { interruptedSteps, NEXT_EVENT_ID, TOOL_EXECUTION_RECORD } from './sql-fragments';

/**
 * A step's two events (step.started, step.finished) are not rows of run_events: their ids are
 * drawn from the event log's sequence into the step's own row (started_event_id,
 * finished_event_id), and the log reads them from there (RUN_EVENT_SQL.after). A row per step
 * event doubled the write work of every tool call (pgbench: 4,400 -> 2,850 step starts/s).
 */
export const STEP_SQL = {
  /** On a recovered run's new attempt ($2): the calls earlier attempts left open are closed INTERRUPTED. */
  interruptEarlier: `WITH ${interruptedSteps('$1::uuid', '$2')} SELECT count(*)::int AS "interrupted" FROM interrupted`,

  /** Answers the row's id and its step.started event's id and time. */
  start: `
    INSERT INTO "tool_executions" ("organization_id", "run_id", "tool_id", "tool_name", "connector_key", "action", "step", "attempt", "status", "input",
                                   "started_at", "started_event_id")
    VALUES ($1::uuid, $2::uuid, $3::uuid, $4, $5, $6, $7, $8, 'RUNNING'::"ToolExecutionStatus", $9::jsonb, now(), ${NEXT_EVENT_ID})
    RETURNING "id", "started_event_id"::text AS "eventId", "started_at" AS "startedAt"`,

  /** $2 status, $3 output, $4 error class, $5 message, $6 duration (measured around the call itself); with its step.finished event's id. */
  finish: `
    UPDATE "tool_executions"
    SET "status" = $2::"ToolExecutionStatus", "output" = $3::jsonb, "error_class" = $4, "error_message" = $5, "duration_ms" = $6,
        "finished_at" = now(), "finished_event_id" = ${NEXT_EVENT_ID}
    WHERE "id" = $1::uuid
    RETURNING ${TOOL_EXECUTION_RECORD}, "run_id" AS "runId", "organization_id" AS "organizationId", "finished_event_id"::text AS "eventId"`,

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
          "finished_at" = now(), "finished_event_id" = ${NEXT_EVENT_ID},
          "provider" = $7, "model" = $8, "input_tokens" = $9, "output_tokens" = $10, "cost_usd" = $11::numeric
      WHERE "id" = $1::uuid
      RETURNING ${TOOL_EXECUTION_RECORD}, "run_id" AS "runId", "organization_id" AS "organizationId", "finished_event_id"::text AS "eventId"
    ), totals AS (
      UPDATE "agent_runs"
      SET "input_tokens" = "input_tokens" + $9, "output_tokens" = "output_tokens" + $10,
          "cost_usd" = "cost_usd" + coalesce($11::numeric, 0), "unpriced_calls" = "unpriced_calls" + CASE WHEN $11::numeric IS NULL THEN 1 ELSE 0 END
      WHERE "id" = (SELECT "runId" FROM step)
    )
    SELECT * FROM step`,

  /** Every step of the run that succeeded in some attempt (its first success), in step order: what a resumed attempt replays. */
  succeededSteps: `
    SELECT DISTINCT ON ("step") ${TOOL_EXECUTION_RECORD} FROM "tool_executions"
    WHERE "run_id" = $1::uuid AND "status" = 'SUCCEEDED'::"ToolExecutionStatus"
    ORDER BY "step", "attempt"`,

  forRun: `
    SELECT ${TOOL_EXECUTION_RECORD} FROM "tool_executions" WHERE "run_id" = $1::uuid ORDER BY "step", "attempt"`,
} as const;
