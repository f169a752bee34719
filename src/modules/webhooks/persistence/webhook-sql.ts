import { WEBHOOK_EVENT_TYPES } from '../webhook-events';
/**
 * The delivery statements, on the pg pool (durable: never part of a business transaction).
 * Every timestamp is the database's own `now()`, one clock for every process.
 */

/** A run's status as its event says it (not the row's now: the run may have moved on). */
const STATUS_OF_EVENT = `CASE ev."type" WHEN 'run.completed' THEN 'COMPLETED' WHEN 'run.failed' THEN 'FAILED' WHEN 'run.cancelled' THEN 'CANCELLED'
  WHEN 'run.timed_out' THEN 'TIMED_OUT' WHEN 'run.approval_requested' THEN 'AWAITING_APPROVAL' WHEN 'run.waiting' THEN 'WAITING' END`;

/** The Standard Webhooks body of run event `ev`: {type, timestamp, data: {runId, agent, status, ...the event's data}}. */
const PAYLOAD = `jsonb_build_object(
    'type', ev."type",
    'timestamp', to_char(ev."created_at" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    'data', jsonb_strip_nulls(jsonb_build_object(
      'runId', ev."run_id",
      'agent', (SELECT a."name" FROM "agent_runs" r JOIN "agents" a ON a."id" = r."agent_id" WHERE r."id" = ev."run_id"),
      'status', ${STATUS_OF_EVENT})) || ev."data")`;

const INSERT_DELIVERY = `INSERT INTO "webhook_deliveries" ("organization_id", "endpoint_id", "event_id", "event_type", "payload", "next_attempt_at", "updated_at")`;

export const WEBHOOK_SQL = {
  /** $1 organization: the event types its enabled endpoints subscribe to. */
  subscribedTypes: `SELECT DISTINCT unnest("events") AS "type" FROM "webhook_endpoints" WHERE "organization_id" = $1::uuid AND "enabled"`,

  /** $1 event id, $2 its run: one delivery per enabled endpoint of the event's organization subscribed to its type. */
  createForEvent: `
    ${INSERT_DELIVERY}
    SELECT w."organization_id", w."id", ev."id", ev."type", ${PAYLOAD}, now(), now()
    FROM "run_events" ev
    JOIN "webhook_endpoints" w ON w."organization_id" = ev."organization_id" AND w."enabled" AND ev."type" = ANY(w."events")
    WHERE ev."run_id" = $2::uuid AND ev."id" = $1::bigint
    ON CONFLICT ("endpoint_id", "event_id") DO NOTHING
    RETURNING "id", "attempts"`,

  /**
   * Deliveries for events of the last $1 ms (but older than $2 ms, the listener's own time) that
   * have none: the process that appended them died before its listener wrote them. Driven by the
   * (few) enabled endpoints, each reading its organization's events by (organization_id,
   * created_at). Only events after the endpoint's last change: it never gets events from before
   * it existed or from while it was disabled (re-enabling does not replay the last hour). The
   * price: an event lost by a crash and followed within a sweep by a PATCH of the endpoint stays
   * lost. At most $3.
   */
  createMissed: `
    ${INSERT_DELIVERY}
    SELECT w."organization_id", w."id", ev."id", ev."type", ${PAYLOAD}, now(), now()
    FROM "webhook_endpoints" w
    JOIN "run_events" ev ON ev."organization_id" = w."organization_id" AND ev."type" = ANY(w."events")
      AND ev."created_at" > greatest(now() - $1::double precision * interval '1 millisecond', w."updated_at")
      AND ev."created_at" < now() - $2::double precision * interval '1 millisecond'
      AND ev."type" IN (${WEBHOOK_EVENT_TYPES.map((type) => `'${type}'`).join(', ')})
    WHERE w."enabled" AND NOT EXISTS (SELECT 1 FROM "webhook_deliveries" d WHERE d."endpoint_id" = w."id" AND d."event_id" = ev."id")
    ORDER BY ev."id"
    LIMIT $3
    ON CONFLICT ("endpoint_id", "event_id") DO NOTHING
    RETURNING "id", "attempts"`,

  /** PENDING deliveries whose next attempt is more than $1 ms overdue (their job may be gone), at most $2. */
  overdue: `
    SELECT "id", "attempts" FROM "webhook_deliveries"
    WHERE "status" = 'PENDING'::"WebhookDeliveryStatus" AND "next_attempt_at" < now() - $1::double precision * interval '1 millisecond'
    ORDER BY "next_attempt_at" LIMIT $2`,

  /**
   * Takes delivery $1 for an attempt when it is PENDING and due (a few seconds early is fine:
   * BullMQ's delay runs on another clock): its next attempt moves $2 ms ahead, so the sweeper
   * leaves it alone while the attempt is under way. With what sending needs.
   */
  claim: `
    UPDATE "webhook_deliveries" d SET "next_attempt_at" = now() + $2::double precision * interval '1 millisecond', "updated_at" = now()
    FROM "webhook_endpoints" w
    WHERE d."id" = $1::uuid AND w."id" = d."endpoint_id" AND d."status" = 'PENDING'::"WebhookDeliveryStatus"
      AND (d."next_attempt_at" IS NULL OR d."next_attempt_at" <= now() + interval '5 seconds')
    RETURNING d."id", d."organization_id" AS "organizationId", d."endpoint_id" AS "endpointId", d."event_type" AS "eventType",
              d."payload"::text AS "body", d."attempts", w."url", w."secret_ciphertext" AS "secretCiphertext", w."enabled", w."disabled_reason" AS "disabledReason"`,

  /** $1 delivery, $2 attempts it had when claimed, $3 status code: SUCCEEDED, and its endpoint's failure streak ends. */
  succeeded: `
    WITH delivered AS (
      UPDATE "webhook_deliveries"
      SET "status" = 'SUCCEEDED'::"WebhookDeliveryStatus", "attempts" = "attempts" + 1, "last_status_code" = $3, "last_error" = NULL,
          "next_attempt_at" = NULL, "delivered_at" = now(), "updated_at" = now()
      WHERE "id" = $1::uuid AND "status" = 'PENDING'::"WebhookDeliveryStatus" AND "attempts" = $2
      RETURNING "endpoint_id"),
    streak AS (
      UPDATE "webhook_endpoints" w SET "consecutive_failures" = 0 FROM delivered
      WHERE w."id" = delivered."endpoint_id" AND w."consecutive_failures" <> 0
      RETURNING w."id")
    SELECT (SELECT count(*) FROM delivered)::int AS "recorded", (SELECT count(*) FROM streak)::int AS "streakEnded"`,

  /**
   * $1 delivery, $2 attempts when claimed, $3 status code or NULL, $4 error, $5 ms to the retry or
   * NULL (no retry: FAILED), $6 failures in a row that disable the endpoint, $7 the receiver said
   * 410 Gone (disable now). A delivery FAILED for good adds one to its endpoint's streak.
   */
  failed: `
    WITH attempt AS (
      UPDATE "webhook_deliveries"
      SET "attempts" = "attempts" + 1, "last_status_code" = $3, "last_error" = $4, "updated_at" = now(),
          "status" = CASE WHEN $5::int IS NULL THEN 'FAILED' ELSE 'PENDING' END::"WebhookDeliveryStatus",
          "next_attempt_at" = CASE WHEN $5::int IS NULL THEN NULL ELSE now() + $5::int * interval '1 millisecond' END
      WHERE "id" = $1::uuid AND "status" = 'PENDING'::"WebhookDeliveryStatus" AND "attempts" = $2
      RETURNING "endpoint_id", "status", "attempts"),
    endpoint AS (
      UPDATE "webhook_endpoints" w
      SET "consecutive_failures" = w."consecutive_failures" + 1,
          "enabled" = NOT ($7::boolean OR w."consecutive_failures" + 1 >= $6::int),
          "disabled_reason" = CASE
            WHEN $7::boolean THEN 'the receiver answered 410 Gone: it asked for no more deliveries'
            WHEN w."consecutive_failures" + 1 >= $6::int THEN format('%s deliveries in a row failed after every retry (last: %s)', w."consecutive_failures" + 1, $4::text)
          END,
          "updated_at" = CASE WHEN $7::boolean OR w."consecutive_failures" + 1 >= $6::int THEN now() ELSE w."updated_at" END
      FROM attempt
      WHERE w."id" = attempt."endpoint_id" AND w."enabled" AND attempt."status" = 'FAILED'::"WebhookDeliveryStatus"
      RETURNING w."id", NOT w."enabled" AS "disabled", w."disabled_reason" AS "disabledReason")
    SELECT attempt."status", attempt."attempts", endpoint."disabled", endpoint."disabledReason" FROM attempt LEFT JOIN endpoint ON true`,

  /** $1 delivery, $2 why: not sent, because its endpoint is disabled. */
  abandon: `
    UPDATE "webhook_deliveries" SET "status" = 'FAILED'::"WebhookDeliveryStatus", "next_attempt_at" = NULL, "last_error" = $2, "updated_at" = now()
    WHERE "id" = $1::uuid AND "status" = 'PENDING'::"WebhookDeliveryStatus"`,
} as const;
