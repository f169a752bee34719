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

export const RUN_EVENT_SQL = {
  /** $1 organization, $2 run, $3 type, $4 data. */
  append: `
    INSERT INTO "run_events" ("organization_id", "run_id", "type", "data") VALUES ($1::uuid, $2::uuid, $3, $4::jsonb)
    RETURNING ${RUN_EVENT_COLUMNS}`,

  /**
   * $1 run, $2 after this id (exclusive), $3 at most. Ordered by the table's bigint id: a bare
   * "id" would name the text alias of the select list and sort 10 before 9.
   */
  after: `
    SELECT ${RUN_EVENT_COLUMNS} FROM "run_events" WHERE "run_id" = $1::uuid AND "id" > $2::bigint ORDER BY "run_events"."id" LIMIT $3`,
} as const;
