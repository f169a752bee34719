/**
 * Every statement of the run engine's hot path, in one place, as plain SQL with positional
 * parameters. They run on the shared pool (durable writes) or inside the run's CLS transaction
 * (completion with the agent's writes). `run-sql.spec.ts` checks every table, column and enum
 * name used here against schema.prisma, so a renamed column fails a unit test, not a customer.
 *
 * Timestamps are passed from the process (one clock for a run's lease, start and finish).
 */

/** A run row as the engine's RunRecord; the agent's name comes from its row (a primary-key lookup). */
const RUN_RECORD = `
  "id", "organization_id" AS "organizationId", (SELECT "name" FROM "agents" WHERE "agents"."id" = "agent_id") AS "agentName",
  "user_id" AS "userId", "intent", "status", "mode", "input", "output", "error_class" AS "errorClass", "error_message" AS "errorMessage",
  "attempt", "request_hash" AS "requestHash", "cancel_requested_at" AS "cancelRequestedAt", "created_at" AS "createdAt",
  "started_at" AS "startedAt", "finished_at" AS "finishedAt", "duration_ms" AS "durationMs"`;

const TOOL_EXECUTION_RECORD = `
  "id", "tool_name" AS "toolName", "connector_key" AS "connectorKey", "action", "step", "attempt", "status", "input", "output",
  "error_class" AS "errorClass", "error_message" AS "errorMessage", "started_at" AS "startedAt", "finished_at" AS "finishedAt",
  "duration_ms" AS "durationMs"`;

/** Milliseconds from the row's start to $ts, for duration_ms; NULL when it never started. */
const durationTo = (ts: string) => `CASE WHEN "started_at" IS NULL THEN NULL ELSE ROUND(EXTRACT(EPOCH FROM (${ts}::timestamptz - "started_at")) * 1000)::int END`;

export const RUN_SQL = {
  /** $1 org, $2 agent, $3 user, $4 intent, $5 mode, $6 input, $7 idempotency key, $8 request hash, $9 now, $10 lease owner (NULL: queued), $11 lease expiry. */
  insert: `
    INSERT INTO "agent_runs" ("organization_id", "agent_id", "user_id", "intent", "mode", "input", "idempotency_key", "request_hash",
                              "status", "attempt", "lease_owner", "lease_expires_at", "started_at", "created_at", "updated_at")
    VALUES ($1::uuid, $2::uuid, $3::uuid, $4, $5::"RunMode", $6::jsonb, $7, $8,
            CASE WHEN $10::text IS NULL THEN 'QUEUED'::"RunStatus" ELSE 'RUNNING'::"RunStatus" END,
            CASE WHEN $10::text IS NULL THEN 0 ELSE 1 END, $10, $11::timestamptz,
            CASE WHEN $10::text IS NULL THEN NULL ELSE $9::timestamptz END, $9::timestamptz, $9::timestamptz)
    RETURNING ${RUN_RECORD}`,

  /** QUEUED, or RUNNING with a lapsed lease: taken by $2 for one more attempt. $3 now, $4 lease expiry, $5 max attempts. */
  claim: `
    UPDATE "agent_runs"
    SET "status" = 'RUNNING'::"RunStatus", "attempt" = "attempt" + 1, "lease_owner" = $2, "lease_expires_at" = $4::timestamptz,
        "started_at" = $3::timestamptz, "updated_at" = $3::timestamptz
    WHERE "id" = $1::uuid AND "attempt" < $5 AND "cancel_requested_at" IS NULL
      AND ("status" = 'QUEUED'::"RunStatus" OR ("status" = 'RUNNING'::"RunStatus" AND "lease_expires_at" < $3::timestamptz))
    RETURNING ${RUN_RECORD}`,

  /** One row while $2 still owns the run; its cancel flag tells the lease to abort. */
  renewLease: `
    UPDATE "agent_runs" SET "lease_expires_at" = $3::timestamptz
    WHERE "id" = $1::uuid AND "status" = 'RUNNING'::"RunStatus" AND "lease_owner" = $2
    RETURNING "cancel_requested_at" IS NOT NULL AS "cancelRequested"`,

  nextAttempt: `
    UPDATE "agent_runs" SET "attempt" = "attempt" + 1, "updated_at" = $3::timestamptz
    WHERE "id" = $1::uuid AND "status" = 'RUNNING'::"RunStatus" AND "lease_owner" = $2
    RETURNING "attempt"`,

  /** $3 output, $4 now. Only while $2 owns the run and nobody asked to cancel it. */
  complete: `
    UPDATE "agent_runs"
    SET "status" = 'COMPLETED'::"RunStatus", "output" = $3::jsonb, "finished_at" = $4::timestamptz, "duration_ms" = ${durationTo('$4')},
        "lease_owner" = NULL, "lease_expires_at" = NULL, "updated_at" = $4::timestamptz
    WHERE "id" = $1::uuid AND "status" = 'RUNNING'::"RunStatus" AND "lease_owner" = $2 AND "cancel_requested_at" IS NULL
    RETURNING ${RUN_RECORD}`,

  /** $2 expected status, $3 final status, $4 error class, $5 message, $6 now, $7 lease owner (NULL: any). */
  finish: `
    UPDATE "agent_runs"
    SET "status" = $3::"RunStatus", "error_class" = $4, "error_message" = $5, "finished_at" = $6::timestamptz, "duration_ms" = ${durationTo('$6')},
        "lease_owner" = NULL, "lease_expires_at" = NULL, "updated_at" = $6::timestamptz
    WHERE "id" = $1::uuid AND "status" = $2::"RunStatus" AND ($7::text IS NULL OR "lease_owner" = $7)
    RETURNING ${RUN_RECORD}`,

  /** Hands runs back (worker shutdown): their lease lapses now, so another process resumes them from the step log. */
  releaseLeases: `
    UPDATE "agent_runs" SET "lease_expires_at" = $3::timestamptz, "updated_at" = $3::timestamptz
    WHERE "id" = ANY($1::uuid[]) AND "status" = 'RUNNING'::"RunStatus" AND "lease_owner" = $2`,

  requestCancel: `
    UPDATE "agent_runs" SET "cancel_requested_at" = $2::timestamptz, "updated_at" = $2::timestamptz
    WHERE "id" = $1::uuid AND "status" = 'RUNNING'::"RunStatus" AND "cancel_requested_at" IS NULL`,

  releaseIdempotencyKey: `UPDATE "agent_runs" SET "idempotency_key" = NULL WHERE "id" = $1::uuid`,

  /** RUNNING runs whose process stopped renewing ($1 now). */
  expired: `
    SELECT "id", "organization_id" AS "organizationId", "user_id" AS "userId", "attempt",
           (SELECT "name" FROM "agents" WHERE "agents"."id" = "agent_id") AS "agentName", "cancel_requested_at" IS NOT NULL AS "cancelRequested"
    FROM "agent_runs" WHERE "status" = 'RUNNING'::"RunStatus" AND "lease_expires_at" < $1::timestamptz
    ORDER BY "lease_expires_at" LIMIT $2`,

  /** An expired run back to QUEUED for another attempt (only if still expired: another sweeper may have been first). */
  requeueExpired: `
    UPDATE "agent_runs" SET "status" = 'QUEUED'::"RunStatus", "mode" = 'ASYNC'::"RunMode", "lease_owner" = NULL, "lease_expires_at" = NULL,
           "updated_at" = $2::timestamptz
    WHERE "id" = $1::uuid AND "status" = 'RUNNING'::"RunStatus" AND "lease_expires_at" < $2::timestamptz`,

  /** An expired run ended with $3 status ($4 class, $5 message). */
  endExpired: `
    UPDATE "agent_runs"
    SET "status" = $3::"RunStatus", "error_class" = $4, "error_message" = $5, "finished_at" = $2::timestamptz, "duration_ms" = ${durationTo('$2')},
        "lease_owner" = NULL, "lease_expires_at" = NULL, "updated_at" = $2::timestamptz
    WHERE "id" = $1::uuid AND "status" = 'RUNNING'::"RunStatus" AND "lease_expires_at" < $2::timestamptz`,

  /** QUEUED runs untouched since $1: their job may have been lost (Redis restarted without persistence). */
  staleQueued: `
    SELECT "id", "organization_id" AS "organizationId", "user_id" AS "userId", "attempt",
           (SELECT "name" FROM "agents" WHERE "agents"."id" = "agent_id") AS "agentName"
    FROM "agent_runs" WHERE "status" = 'QUEUED'::"RunStatus" AND "updated_at" < $1::timestamptz
    ORDER BY "updated_at" LIMIT $2`,

  /** The Agent row for (organization, name), created on first use so foreign keys hold; never a 409 when two first runs race. */
  ensureAgent: `
    WITH created AS (
      INSERT INTO "agents" ("organization_id", "name", "kind", "description", "updated_at")
      VALUES ($1::uuid, $2, $3::"AgentKind", $4, $5::timestamptz)
      ON CONFLICT ("organization_id", "name") DO NOTHING
      RETURNING "id")
    SELECT "id" FROM created UNION ALL SELECT "id" FROM "agents" WHERE "organization_id" = $1::uuid AND "name" = $2 LIMIT 1`,
} as const;

export const STEP_SQL = {
  start: `
    INSERT INTO "tool_executions" ("organization_id", "run_id", "tool_id", "tool_name", "connector_key", "action", "step", "attempt", "status", "input", "started_at")
    VALUES ($1::uuid, $2::uuid, $3::uuid, $4, $5, $6, $7, $8, 'RUNNING'::"ToolExecutionStatus", $9::jsonb, $10::timestamptz)
    RETURNING "id"`,

  /** $2 status, $3 output, $4 error class, $5 message, $6 duration, $7 now. */
  finish: `
    UPDATE "tool_executions"
    SET "status" = $2::"ToolExecutionStatus", "output" = $3::jsonb, "error_class" = $4, "error_message" = $5, "duration_ms" = $6,
        "finished_at" = $7::timestamptz
    WHERE "id" = $1::uuid
    RETURNING ${TOOL_EXECUTION_RECORD}`,

  /** A step that already succeeded in an earlier attempt: its recorded result replaces the call. */
  succeededStep: `
    SELECT ${TOOL_EXECUTION_RECORD} FROM "tool_executions"
    WHERE "run_id" = $1::uuid AND "step" = $2 AND "status" = 'SUCCEEDED'::"ToolExecutionStatus"
    ORDER BY "attempt" LIMIT 1`,

  forRun: `
    SELECT ${TOOL_EXECUTION_RECORD} FROM "tool_executions" WHERE "run_id" = $1::uuid ORDER BY "step", "attempt"`,
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
