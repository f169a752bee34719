/**
 * Every statement of the run engine's hot path, in one place, as plain SQL with positional
 * parameters. They run on the shared pool (durable writes) or inside the run's CLS transaction
 * (completion with the agent's writes). `run-sql.spec.ts` checks every table, column and enum
 * name used here against schema.prisma, so a renamed column fails a unit test, not a customer.
 *
 * Every timestamp is the database's (`now()`): one clock for every process's leases, starts and
 * finishes, however far the machines' own clocks drift apart.
 */

/** A run row as the engine's RunRecord; the agent's name comes from its row (a primary-key lookup). */
const RUN_RECORD = `
  "id", "organization_id" AS "organizationId", (SELECT "name" FROM "agents" WHERE "agents"."id" = "agent_id") AS "agentName",
  "user_id" AS "userId", "intent", "status", "mode", "input", "output", "error_class" AS "errorClass", "error_message" AS "errorMessage",
  "attempt", "request_hash" AS "requestHash", "cancel_requested_at" AS "cancelRequestedAt", "created_at" AS "createdAt",
  "started_at" AS "startedAt", "finished_at" AS "finishedAt", "duration_ms" AS "durationMs",
  "input_tokens" AS "inputTokens", "output_tokens" AS "outputTokens", "cost_usd"::float8 AS "costUsd", "unpriced_calls" AS "unpricedCalls"`;

const TOOL_EXECUTION_RECORD = `
  "id", "tool_name" AS "toolName", "connector_key" AS "connectorKey", "action", "step", "attempt", "status", "input", "output",
  "error_class" AS "errorClass", "error_message" AS "errorMessage", "started_at" AS "startedAt", "finished_at" AS "finishedAt",
  "duration_ms" AS "durationMs", "provider", "model", "input_tokens" AS "inputTokens", "output_tokens" AS "outputTokens",
  "cost_usd"::float8 AS "costUsd"`;

/** Milliseconds from the row's start to now; NULL when it never started. */
const DURATION_TO_NOW = `CASE WHEN "started_at" IS NULL THEN NULL ELSE ROUND(EXTRACT(EPOCH FROM (now() - "started_at")) * 1000)::int END`;
/** A lease of $n milliseconds from now. */
const leaseFor = (param: string) => `now() + ${param}::double precision * interval '1 millisecond'`;

/**
 * A CTE closing the RUNNING tool calls of run `runId` from attempts before `beforeAttempt`: their
 * process stopped mid-call. A call through a connector may have reached its provider (the output
 * says so, for whoever reconciles); a call to an in-process tool did not leave the process.
 */
const interruptedSteps = (runId: string, beforeAttempt: string) => `interrupted AS (
      UPDATE "tool_executions"
      SET "status" = 'INTERRUPTED'::"ToolExecutionStatus", "finished_at" = now(),
          "duration_ms" = ROUND(EXTRACT(EPOCH FROM (now() - "started_at")) * 1000)::int,
          "error_class" = 'InterruptedError',
          "error_message" = CASE WHEN "connector_key" IS NULL THEN 'its process stopped during the call'
                                 ELSE 'its process stopped during the call; the request may have reached ' || "connector_key" END,
          "output" = jsonb_build_object('mayHaveReachedProvider', "connector_key" IS NOT NULL)
      WHERE "run_id" = ${runId} AND "status" = 'RUNNING'::"ToolExecutionStatus" AND "attempt" < ${beforeAttempt}
      RETURNING "id")`;

export const RUN_SQL = {
  /** $1 org, $2 agent, $3 user, $4 intent, $5 mode, $6 input, $7 idempotency key, $8 request hash, $9 lease owner (NULL: queued), $10 lease ms. */
  insert: `
    INSERT INTO "agent_runs" ("organization_id", "agent_id", "user_id", "intent", "mode", "input", "idempotency_key", "request_hash",
                              "status", "attempt", "lease_owner", "lease_expires_at", "started_at", "created_at", "updated_at")
    VALUES ($1::uuid, $2::uuid, $3::uuid, $4, $5::"RunMode", $6::jsonb, $7, $8,
            CASE WHEN $9::text IS NULL THEN 'QUEUED'::"RunStatus" ELSE 'RUNNING'::"RunStatus" END,
            CASE WHEN $9::text IS NULL THEN 0 ELSE 1 END, $9,
            CASE WHEN $9::text IS NULL THEN NULL ELSE ${leaseFor('$10')} END,
            CASE WHEN $9::text IS NULL THEN NULL ELSE now() END, now(), now())
    RETURNING ${RUN_RECORD}`,

  /** QUEUED, or RUNNING with a lapsed lease: taken by $2 for one more attempt ($3 lease ms, $4 max attempts). */
  claim: `
    UPDATE "agent_runs"
    SET "status" = 'RUNNING'::"RunStatus", "attempt" = "attempt" + 1, "lease_owner" = $2, "lease_expires_at" = ${leaseFor('$3')},
        "started_at" = now(), "updated_at" = now()
    WHERE "id" = $1::uuid AND "attempt" < $4 AND "cancel_requested_at" IS NULL
      AND ("status" = 'QUEUED'::"RunStatus" OR ("status" = 'RUNNING'::"RunStatus" AND "lease_expires_at" < now()))
    RETURNING ${RUN_RECORD}`,

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
  complete: `
    UPDATE "agent_runs"
    SET "status" = 'COMPLETED'::"RunStatus", "output" = $3::jsonb, "finished_at" = now(), "duration_ms" = ${DURATION_TO_NOW},
        "lease_owner" = NULL, "lease_expires_at" = NULL, "updated_at" = now()
    WHERE "id" = $1::uuid AND "status" = 'RUNNING'::"RunStatus" AND "lease_owner" = $2 AND "cancel_requested_at" IS NULL
    RETURNING ${RUN_RECORD}`,

  /** $2 expected status, $3 final status, $4 error class, $5 message, $6 lease owner (NULL: any). */
  finish: `
    UPDATE "agent_runs"
    SET "status" = $3::"RunStatus", "error_class" = $4, "error_message" = $5, "finished_at" = now(), "duration_ms" = ${DURATION_TO_NOW},
        "lease_owner" = NULL, "lease_expires_at" = NULL, "updated_at" = now()
    WHERE "id" = $1::uuid AND "status" = $2::"RunStatus" AND ($6::text IS NULL OR "lease_owner" = $6)
    RETURNING ${RUN_RECORD}`,

  /** Hands a run back at shutdown: QUEUED again (as an async run) for another process to resume from its step log. */
  handBack: `
    UPDATE "agent_runs" SET "status" = 'QUEUED'::"RunStatus", "mode" = 'ASYNC'::"RunMode", "lease_owner" = NULL, "lease_expires_at" = NULL,
           "updated_at" = now()
    WHERE "id" = $1::uuid AND "status" = 'RUNNING'::"RunStatus" AND "lease_owner" = $2
    RETURNING ${RUN_RECORD}`,

  requestCancel: `
    UPDATE "agent_runs" SET "cancel_requested_at" = now(), "updated_at" = now()
    WHERE "id" = $1::uuid AND "status" = 'RUNNING'::"RunStatus" AND "cancel_requested_at" IS NULL`,

  releaseIdempotencyKey: `UPDATE "agent_runs" SET "idempotency_key" = NULL WHERE "id" = $1::uuid`,

  /** RUNNING runs whose process stopped renewing ($1 at most). */
  expired: `
    SELECT "id", "organization_id" AS "organizationId", "user_id" AS "userId", "attempt",
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
      RETURNING "id", "attempt"),
    ${interruptedSteps('(SELECT "id" FROM run)', '(SELECT "attempt" + 1 FROM run)')}
    SELECT "id" FROM run`,

  /** An expired run ended with $2 status ($3 class, $4 message), its open tool calls closed INTERRUPTED. */
  endExpired: `
    WITH run AS (
      UPDATE "agent_runs"
      SET "status" = $2::"RunStatus", "error_class" = $3, "error_message" = $4, "finished_at" = now(), "duration_ms" = ${DURATION_TO_NOW},
          "lease_owner" = NULL, "lease_expires_at" = NULL, "updated_at" = now()
      WHERE "id" = $1::uuid AND "status" = 'RUNNING'::"RunStatus" AND "lease_expires_at" < now()
      RETURNING "id", "attempt"),
    ${interruptedSteps('(SELECT "id" FROM run)', '(SELECT "attempt" + 1 FROM run)')}
    SELECT "id" FROM run`,

  /** QUEUED runs untouched for $1 ms: their job may have been lost (Redis restarted without persistence). */
  staleQueued: `
    SELECT "id", "organization_id" AS "organizationId", "user_id" AS "userId", "attempt",
           (SELECT "name" FROM "agents" WHERE "agents"."id" = "agent_id") AS "agentName"
    FROM "agent_runs" WHERE "status" = 'QUEUED'::"RunStatus" AND "updated_at" < now() - $1::double precision * interval '1 millisecond'
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

export const STEP_SQL = {
  /** On a recovered run's new attempt ($2): the calls earlier attempts left open are closed INTERRUPTED. */
  interruptEarlier: `WITH ${interruptedSteps('$1::uuid', '$2')} SELECT count(*)::int AS "interrupted" FROM interrupted`,

  start: `
    INSERT INTO "tool_executions" ("organization_id", "run_id", "tool_id", "tool_name", "connector_key", "action", "step", "attempt", "status", "input", "started_at")
    VALUES ($1::uuid, $2::uuid, $3::uuid, $4, $5, $6, $7, $8, 'RUNNING'::"ToolExecutionStatus", $9::jsonb, now())
    RETURNING "id"`,

  /** $2 status, $3 output, $4 error class, $5 message, $6 duration (measured around the call itself). */
  finish: `
    UPDATE "tool_executions"
    SET "status" = $2::"ToolExecutionStatus", "output" = $3::jsonb, "error_class" = $4, "error_message" = $5, "duration_ms" = $6,
        "finished_at" = now()
    WHERE "id" = $1::uuid
    RETURNING ${TOOL_EXECUTION_RECORD}`,

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
      RETURNING ${TOOL_EXECUTION_RECORD}, "run_id"
    ), totals AS (
      UPDATE "agent_runs"
      SET "input_tokens" = "input_tokens" + $9, "output_tokens" = "output_tokens" + $10,
          "cost_usd" = "cost_usd" + coalesce($11::numeric, 0), "unpriced_calls" = "unpriced_calls" + CASE WHEN $11::numeric IS NULL THEN 1 ELSE 0 END
      WHERE "id" = (SELECT "run_id" FROM step)
    )
    SELECT * FROM step`,

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
