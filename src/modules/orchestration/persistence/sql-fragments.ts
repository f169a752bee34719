/** Pieces of SQL both the run statements (run-sql.ts) and the step statements (step-sql.ts) use. */

/** A tool execution row as the engine's ToolExecutionRecord. */
export const TOOL_EXECUTION_RECORD = `
  "id", "tool_name" AS "toolName", "connector_key" AS "connectorKey", "action", "step", "attempt", "status", "input", "output",
  "error_class" AS "errorClass", "error_message" AS "errorMessage", "started_at" AS "startedAt", "finished_at" AS "finishedAt",
  "duration_ms" AS "durationMs", "provider", "model", "input_tokens" AS "inputTokens", "output_tokens" AS "outputTokens",
  "cost_usd"::float8 AS "costUsd"`;

/** The next id of the run event log's sequence: step events take theirs into the step's row (see step-sql.ts). */
export const NEXT_EVENT_ID = `nextval(pg_get_serial_sequence('"run_events"', 'id'))`;

/** The events a statement's CTE `appended` inserted, as one JSON array (for RunEvents.publish). */
export const EVENTS_OF_APPENDED = `coalesce(jsonb_agg(to_jsonb(appended) ORDER BY appended."id"::bigint), '[]'::jsonb) FROM appended`;

/**
 * A CTE closing the RUNNING tool calls of run `runId` from attempts before `beforeAttempt`: their
 * process stopped mid-call. A call through a connector may have reached its provider (the output
 * says so, for whoever reconciles); a call to an in-process tool did not leave the process.
 */
export const interruptedSteps = (runId: string, beforeAttempt: string) => `interrupted AS (
      UPDATE "tool_executions"
      SET "status" = 'INTERRUPTED'::"ToolExecutionStatus", "finished_at" = now(),
          "duration_ms" = ROUND(EXTRACT(EPOCH FROM (now() - "started_at")) * 1000)::int, "finished_event_id" = ${NEXT_EVENT_ID},
          "error_class" = 'InterruptedError',
          "error_message" = CASE WHEN "connector_key" IS NULL THEN 'its process stopped during the call'
                                 ELSE 'its process stopped during the call; the request may have reached ' || "connector_key" END,
          "output" = jsonb_build_object('mayHaveReachedProvider', "connector_key" IS NOT NULL)
      WHERE "run_id" = ${runId} AND "status" = 'RUNNING'::"ToolExecutionStatus" AND "attempt" < ${beforeAttempt}
      RETURNING "id")`;
