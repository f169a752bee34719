/**
 * Every statement of the run engine's hot path, in one place, as plain SQL with positional
 * parameters. They run on the shared pool (durable writes) or inside the run's CLS transaction
 * (completion with the agent's writes). `run-sql.spec.ts` checks every table, column and enum
 * name used here against schema.prisma, so a renamed column fails a unit test, not a customer.
 *
 * Every timestamp is the database's (`now()`): one clock for every process's leases, starts and
 * finishes, however far the machines' own clocks drift apart.
 */
import { RUN_EVENT_COLUMNS, withRunEvents } from '../events/run-event-sql';
import { EVENTS_OF_APPENDED, interruptedSteps } from './sql-fragments';

/** A run row as the engine's RunRecord; the agent's name comes from its row (a primary-key lookup). */
const RUN_RECORD = `
  "id", "organization_id" AS "organizationId", (SELECT "name" FROM "agents" WHERE "agents"."id" = "agent_id") AS "agentName",
  "user_id" AS "userId", "intent", "status", "mode", "input", "output", "error_class" AS "errorClass", "error_message" AS "errorMessage",
  "attempt", "attempts_before_wait" AS "attemptsBeforeWait", "wake_at" AS "wakeAt", "schedule_id" AS "scheduleId", "campaign_id" AS "campaignId", "parent_run_id" AS "parentRunId", "request_hash" AS "requestHash", "cancel_requested_at" AS "cancelRequestedAt", "created_at" AS "createdAt",
  "started_at" AS "startedAt", "finished_at" AS "finishedAt", "duration_ms" AS "durationMs",
  "input_tokens" AS "inputTokens", "output_tokens" AS "outputTokens", "cost_usd"::float8 AS "costUsd", "unpriced_calls" AS "unpricedCalls"`;

/** A CTE appending one event per row of CTE `source` (with "id", "organization_id" and the columns `type` and `data` use). */
const appendedFor = (source: string, type: string, data: string) => `appended AS (
      INSERT INTO "run_events" ("organization_id", "run_id", "type", "data")
      SELECT "organization_id", "id", ${type}, ${data} FROM ${source}
      RETURNING ${RUN_EVENT_COLUMNS})`;

/** The event a final status appends: run.completed, run.failed, run.cancelled, run.timed_out. */
const FINAL_EVENT_TYPE = `'run.' || lower("status"::text)`;
const FAILURE_DATA = `jsonb_build_object('status', "status", 'errorClass', "errorClass", 'errorMessage', "errorMessage", 'attempt', "attempt")`;
const COMPLETED_DATA = `jsonb_build_object('status', "status", 'durationMs', "durationMs", 'attempt', "attempt",
  'usage', jsonb_build_object('inputTokens', "inputTokens", 'outputTokens', "outputTokens", 'costUsd', "costUsd", 'unpricedCalls', "unpricedCalls"))`;
const queuedBecause = (reason: string) => `jsonb_build_object('reason', '${reason}', 'attempt', "attempt")`;

/** Milliseconds from the row's start to now; NULL when it never started. */
const DURATION_TO_NOW = `CASE WHEN "started_at" IS NULL THEN NULL ELSE ROUND(EXTRACT(EPOCH FROM (now() - "started_at")) * 1000)::int END`;
/** A lease of $n milliseconds from now. */
const leaseFor = (param: string) => `now() + ${param}::double precision * interval '1 millisecond'`;

export const RUN_SQL = {
  /**
   * $1 org, $2 agent, $3 user, $4 intent, $5 mode, $6 input, $7 idempotency key, $8 request hash, $9 lease owner (NULL: queued),
   * $10 lease ms, $11 not before (runAt), $12 schedule, $13 campaign, $14 parent run (whose campaign a child without one inherits).
   * Appends run.created, and run.started when claimed.
   */
  insert: withRunEvents(
    `
    INSERT INTO "agent_runs" ("organization_id", "agent_id", "user_id", "intent", "mode", "input", "idempotency_key", "request_hash",
                              "status", "attempt", "lease_owner", "lease_expires_at", "started_at", "wake_at", "schedule_id", "campaign_id", "parent_run_id", "created_at", "updated_at")
    VALUES ($1::uuid, $2::uuid, $3::uuid, $4, $5::"RunMode", $6::jsonb, $7, $8,
            CASE WHEN $9::text IS NULL THEN 'QUEUED'::"RunStatus" ELSE 'RUNNING'::"RunStatus" END,
            CASE WHEN $9::text IS NULL THEN 0 ELSE 1 END, $9,
            CASE WHEN $9::text IS NULL THEN NULL ELSE ${leaseFor('$10')} END,
            CASE WHEN $9::text IS NULL THEN NULL ELSE now() END, $11::timestamptz, $12::uuid,
            coalesce($13::uuid, (SELECT "campaign_id" FROM "agent_runs" AS "parent" WHERE "parent"."id" = $14::uuid)), $14::uuid, now(), now())
    RETURNING ${RUN_RECORD}`,
    'event."type"',
    'event."data"',
    `CROSS JOIN LATERAL (VALUES
       ('run.created', jsonb_build_object('agent', "agentName", 'mode', "mode", 'runAt', "wakeAt", 'scheduleId', "scheduleId", 'campaignId', "campaignId", 'parentRunId', "parentRunId")),
       ('run.started', jsonb_build_object('attempt', "attempt"))) AS event("type", "data")
     WHERE event."type" = 'run.created' OR "status" = 'RUNNING'::"RunStatus"
     ORDER BY event."type"`, // run.created sorts before run.started: the ids come out in that order
  ),

  /**
   * Taken by $2 for one more attempt ($3 lease ms, $4 max attempts since the run last waited): a QUEUED run that is due, a
   * RUNNING one whose lease lapsed, a WAITING one whose time came, an AWAITING_APPROVAL one whose approval expired (the
   * resumed agent records the expiry). Appends run.started on the first attempt, run.resumed after.
   */
  claim: withRunEvents(
    `
    UPDATE "agent_runs"
    SET "status" = 'RUNNING'::"RunStatus", "attempt" = "attempt" + 1, "lease_owner" = $2, "lease_expires_at" = ${leaseFor('$3')},
        "started_at" = coalesce("started_at", now()), "wake_at" = NULL, "updated_at" = now()
    WHERE "id" = $1::uuid AND "attempt" - "attempts_before_wait" < $4 AND "cancel_requested_at" IS NULL
      AND (("status" = 'QUEUED'::"RunStatus" AND ("wake_at" IS NULL OR "wake_at" <= now()))
        OR ("status" = 'RUNNING'::"RunStatus" AND "lease_expires_at" < now())
        OR ("status" IN ('WAITING'::"RunStatus", 'AWAITING_APPROVAL'::"RunStatus") AND "wake_at" <= now()))
    RETURNING ${RUN_RECORD}`,
    `CASE WHEN "attempt" = 1 THEN 'run.started' ELSE 'run.resumed' END`,
    `jsonb_build_object('attempt', "attempt")`,
  ),

  /** One row while $2 still owns the run ($3 lease ms); its cancel flag tells the lease to abort. */
  renewLease: `
    UPDATE "agent_runs" SET "lease_expires_at" = ${leaseFor('$3')}
    WHERE "id" = $1::uuid AND "status" = 'RUNNING'::"RunStatus" AND "lease_owner" = $2
    RETURNING "cancel_requested_at" IS NOT NULL AS "cancelRequested"`,

  nextAttempt: `
    UPDATE "agent_runs" SET "attempt" = "attempt" + 1, "updated_at" = now()
    WHERE "id" = $1::uuid AND "status" = 'RUNNING'::"RunStatus" AND "lease_owner" = $2
    RETURNING "attempt"`,

  /** $3 output. Only while $2 owns the run and nobody asked to cancel it. */
  complete: withRunEvents(
    `
    UPDATE "agent_runs"
    SET "status" = 'COMPLETED'::"RunStatus", "output" = $3::jsonb, "finished_at" = now(), "duration_ms" = ${DURATION_TO_NOW},
        "lease_owner" = NULL, "lease_expires_at" = NULL, "updated_at" = now()
    WHERE "id" = $1::uuid AND "status" = 'RUNNING'::"RunStatus" AND "lease_owner" = $2 AND "cancel_requested_at" IS NULL
    RETURNING ${RUN_RECORD}`,
    `'run.completed'`,
    COMPLETED_DATA,
  ),

  /** $2 expected status, $3 final status, $4 error class, $5 message, $6 lease owner (NULL: any). */
  finish: withRunEvents(
    `
    UPDATE "agent_runs"
    SET "status" = $3::"RunStatus", "error_class" = $4, "error_message" = $5, "finished_at" = now(), "duration_ms" = ${DURATION_TO_NOW},
        "lease_owner" = NULL, "lease_expires_at" = NULL, "wake_at" = NULL, "updated_at" = now()
    WHERE "id" = $1::uuid AND "status" = $2::"RunStatus" AND ($6::text IS NULL OR "lease_owner" = $6)
    RETURNING ${RUN_RECORD}`,
    FINAL_EVENT_TYPE,
    FAILURE_DATA,
  ),

  /** Hands a run back at shutdown: QUEUED again (as an async run) for another process to resume from its step log. */
  handBack: withRunEvents(
    `
    UPDATE "agent_runs" SET "status" = 'QUEUED'::"RunStatus", "mode" = 'ASYNC'::"RunMode", "lease_owner" = NULL, "lease_expires_at" = NULL,
           "updated_at" = now()
    WHERE "id" = $1::uuid AND "status" = 'RUNNING'::"RunStatus" AND "lease_owner" = $2
    RETURNING ${RUN_RECORD}`,
    `'run.queued'`,
    queuedBecause('its process shut down: it continues on another process from its step log'),
  ),

  /**
   * Released to wait ($3 WAITING or AWAITING_APPROVAL, until $4 or NULL), while $2 owns it and nobody asked to cancel: as
   * an async run (a sync caller is answered 202), its retry budget starting afresh when it resumes. Appends $5 ($6 data).
   */
  suspend: withRunEvents(
    `
    UPDATE "agent_runs"
    SET "status" = $3::"RunStatus", "wake_at" = $4::timestamptz, "mode" = 'ASYNC'::"RunMode", "attempts_before_wait" = "attempt",
        "lease_owner" = NULL, "lease_expires_at" = NULL, "updated_at" = now()
    WHERE "id" = $1::uuid AND "status" = 'RUNNING'::"RunStatus" AND "lease_owner" = $2 AND "cancel_requested_at" IS NULL
    RETURNING ${RUN_RECORD}`,
    '$5::text',
    '$6::jsonb',
  ),

  resumeDecided: withRunEvents(
    `
    UPDATE "agent_runs" SET "status" = 'QUEUED'::"RunStatus", "wake_at" = NULL, "updated_at" = now()
    WHERE "id" = $1::uuid AND "status" = 'AWAITING_APPROVAL'::"RunStatus"
    RETURNING ${RUN_RECORD}`,
    `'run.queued'`,
    queuedBecause('its approval was decided'),
  ),

  /**
   * A child ended: its parent, if it waits (WAITING, e.g. for this child), is due now. A parent
   * waiting for something else wakes, finds its time not come, and waits again: harmless.
   */
  wakeWaiting: `
    UPDATE "agent_runs" SET "wake_at" = now(), "updated_at" = now()
    WHERE "id" = $1::uuid AND "status" = 'WAITING'::"RunStatus"
    RETURNING "id", "organization_id" AS "organizationId", "user_id" AS "userId", "attempt",
              (SELECT "name" FROM "agents" WHERE "agents"."id" = "agent_id") AS "agentName"`,

  requestCancel: `
    UPDATE "agent_runs" SET "cancel_requested_at" = now(), "updated_at" = now()
    WHERE "id" = $1::uuid AND "status" = 'RUNNING'::"RunStatus" AND "cancel_requested_at" IS NULL`,

  releaseIdempotencyKey: `UPDATE "agent_runs" SET "idempotency_key" = NULL WHERE "id" = $1::uuid`,

  /** RUNNING runs whose process stopped renewing ($1 at most). */
  expired: `
    SELECT "id", "organization_id" AS "organizationId", "user_id" AS "userId", "attempt", "attempt" - "attempts_before_wait" AS "attemptsSinceWait",
           (SELECT "name" FROM "agents" WHERE "agents"."id" = "agent_id") AS "agentName", "cancel_requested_at" IS NOT NULL AS "cancelRequested"
    FROM "agent_runs" WHERE "status" = 'RUNNING'::"RunStatus" AND "lease_expires_at" < now()
    ORDER BY "lease_expires_at" LIMIT $1`,

  /**
   * An expired run back to QUEUED for another attempt (only if still expired: another sweeper may
   * have been first); the tool calls its process left open are closed INTERRUPTED with it.
   */
  requeueExpired: `
    WITH run AS (
      UPDATE "agent_runs" SET "status" = 'QUEUED'::"RunStatus", "mode" = 'ASYNC'::"RunMode", "lease_owner" = NULL, "lease_expires_at" = NULL,
             "updated_at" = now()
      WHERE "id" = $1::uuid AND "status" = 'RUNNING'::"RunStatus" AND "lease_expires_at" < now()
      RETURNING "id", "organization_id", "attempt"),
    ${interruptedSteps('(SELECT "id" FROM run)', '(SELECT "attempt" + 1 FROM run)')},
    ${appendedFor('run', `'run.queued'`, `jsonb_build_object('reason', 'its process stopped: it resumes from its step log', 'attempt', "attempt")`)}
    SELECT "id", (SELECT ${EVENTS_OF_APPENDED}) AS "events" FROM run`,

  /** An expired run ended with $2 status ($3 class, $4 message), its open tool calls closed INTERRUPTED. */
  endExpired: `
    WITH run AS (
      UPDATE "agent_runs"
      SET "status" = $2::"RunStatus", "error_class" = $3, "error_message" = $4, "finished_at" = now(), "duration_ms" = ${DURATION_TO_NOW},
          "lease_owner" = NULL, "lease_expires_at" = NULL, "updated_at" = now()
      WHERE "id" = $1::uuid AND "status" = 'RUNNING'::"RunStatus" AND "lease_expires_at" < now()
      RETURNING "id", "organization_id", "attempt", "status", "error_class" AS "errorClass", "error_message" AS "errorMessage"),
    ${interruptedSteps('(SELECT "id" FROM run)', '(SELECT "attempt" + 1 FROM run)')},
    ${appendedFor('run', FINAL_EVENT_TYPE, FAILURE_DATA)}
    SELECT "id", (SELECT ${EVENTS_OF_APPENDED}) AS "events" FROM run`,

  /**
   * Runs whose job may have been lost (Redis restarted without persistence): QUEUED and untouched for $1 ms past when they
   * were due, or WAITING (or with an expiring approval) $1 ms past their wake-up time.
   */
  staleQueued: `
    SELECT "id", "organization_id" AS "organizationId", "user_id" AS "userId", "attempt",
           (SELECT "name" FROM "agents" WHERE "agents"."id" = "agent_id") AS "agentName"
    FROM "agent_runs"
    WHERE ("status" = 'QUEUED'::"RunStatus" AND greatest("updated_at", coalesce("wake_at", "updated_at")) < now() - $1::double precision * interval '1 millisecond')
       OR ("status" IN ('WAITING'::"RunStatus", 'AWAITING_APPROVAL'::"RunStatus") AND "wake_at" < now() - $1::double precision * interval '1 millisecond')
    ORDER BY "updated_at" LIMIT $2`,

  /** The Agent row for (organization, name), created on first use so foreign keys hold; never a 409 when two first runs race. */
  ensureAgent: `
    WITH created AS (
      INSERT INTO "agents" ("organization_id", "name", "kind", "description", "updated_at")
      VALUES ($1::uuid, $2, $3::"AgentKind", $4, now())
      ON CONFLICT ("organization_id", "name") DO NOTHING
      RETURNING "id")
    SELECT "id" FROM created UNION ALL SELECT "id" FROM "agents" WHERE "organization_id" = $1::uuid AND "name" = $2 LIMIT 1`,
} as const;

export const RUN_READ_SQL = {
  byId: `SELECT ${RUN_RECORD} FROM "agent_runs" WHERE "id" = $1::uuid AND ($2::uuid IS NULL OR "organization_id" = $2::uuid)`,
  byIdempotencyKey: `
    SELECT ${RUN_RECORD} FROM "agent_runs" WHERE "organization_id" = $1::uuid AND "idempotency_key" = $2`,
  /**
   * Newest first; every filter optional ($2 agent name, $3 status, $4 since, $5 until, $6/$7 the
   * cursor's created_at and id), so one statement serves every combination on the
   * (organization_id, created_at DESC, id) index.
   */
  list: `
    SELECT ${RUN_RECORD} FROM "agent_runs"
    WHERE "organization_id" = $1::uuid
      AND ($2::text IS NULL OR "agent_id" IN (SELECT "id" FROM "agents" WHERE "organization_id" = $1::uuid AND "name" = $2::text))
      AND ($3::text IS NULL OR "status" = $3::"RunStatus")
      AND ($4::timestamptz IS NULL OR "created_at" >= $4::timestamptz)
      AND ($5::timestamptz IS NULL OR "created_at" < $5::timestamptz)
      AND ($6::timestamptz IS NULL OR ("created_at", "id") < ($6::timestamptz, $7::uuid))
    ORDER BY "created_at" DESC, "id" DESC
    LIMIT $8`,
} as const;
