/** The columns of a stored event as a RunEventRecord (to_jsonb of a row with these names). */
export const RUN_EVENT_COLUMNS = `"id"::text AS "id", "organization_id" AS "organizationId", "run_id" AS "runId", "type", "data", "created_at" AS "createdAt"`;

/**
 * Wraps a statement that returns run records (with "id" and "organizationId") so that the same
 * statement appends one event per returned row, of type `type` (an SQL expression over the
 * returned columns) with `data` (a jsonb expression over them). The events come back in column
 * "events", a JSON array, for RunEvents.publish. A transition and its event are one write: no
 * event without its change, no change without its event.
 */
export function withRunEvents(statement: string, type: string, data: string, from = ''): string {
  return `
    WITH changed AS (${statement}),
    appended AS (
      INSERT INTO "run_events" ("organization_id", "run_id", "type", "data")
      SELECT "organizationId", "id", ${type}, ${data} FROM changed ${from}
      RETURNING ${RUN_EVENT_COLUMNS})
    SELECT changed.*, (SELECT coalesce(jsonb_agg(to_jsonb(appended) ORDER BY appended."id"::bigint), '[]'::jsonb) FROM appended) AS "events"
    FROM changed`;
}

/** The data of a step's events, from its tool execution row (StepLog builds the same for the live copy). */
const STEP_STARTED_DATA = `jsonb_build_object('step', "step", 'tool', "tool_name", 'action', "action", 'attempt', "attempt")`;
const STEP_FINISHED_DATA = `jsonb_build_object('step', "step", 'tool', "tool_name", 'action', "action", 'attempt', "attempt", 'status', "status",
  'durationMs', "duration_ms", 'errorClass', "error_class")`;

export const RUN_EVENT_SQL = {
  /** $1 organization, $2 run, $3 type, $4 data. */
  append: `
    INSERT INTO "run_events" ("organization_id", "run_id", "type", "data") VALUES ($1::uuid, $2::uuid, $3, $4::jsonb)
    RETURNING ${RUN_EVENT_COLUMNS}`,

  /**
   * $1 run, $2 after this id (exclusive), $3 at most: the run's own events and its steps' events,
   * which live on the steps' rows (see step-sql.ts), in one order (one sequence numbers them all).
   * Ordered by the bigint id: the text id would sort 10 before 9.
   */
  after: `
    SELECT "eventId"::text AS "id", "organizationId", "runId", "type", "data", "createdAt" FROM (
      SELECT "id" AS "eventId", "organization_id" AS "organizationId", "run_id" AS "runId", "type", "data", "created_at" AS "createdAt"
      FROM "run_events" WHERE "run_id" = $1::uuid AND "id" > $2::bigint
      UNION ALL
      SELECT "started_event_id", "organization_id", "run_id", 'step.started', ${STEP_STARTED_DATA}, "started_at"
      FROM "tool_executions" WHERE "run_id" = $1::uuid AND "started_event_id" > $2::bigint
      UNION ALL
      SELECT "finished_event_id", "organization_id", "run_id", 'step.finished', ${STEP_FINISHED_DATA}, "finished_at"
      FROM "tool_executions" WHERE "run_id" = $1::uuid AND "finished_event_id" > $2::bigint
    ) AS "log" ORDER BY "log"."eventId" LIMIT $3`,
} as const;
