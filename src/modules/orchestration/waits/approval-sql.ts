import { RUN_EVENT_COLUMNS } from '../events/run-event-sql';
import { EVENTS_OF_APPENDED } from '../persistence/sql-fragments';

/** An approval as an ApprovalRecord. */
const APPROVAL_RECORD = `
  "id", "organization_id" AS "organizationId", "run_id" AS "runId", "step", "title", "summary", "payload", "status",
  "expires_at" AS "expiresAt", "edits", "reviewer_id" AS "reviewerId", "comment", "decided_at" AS "decidedAt", "created_at" AS "createdAt"`;

export const APPROVAL_SQL = {
  /**
   * The approval of a run's step: created pending the first time ($1 org, $2 run, $3 step, $4 title, $5 summary,
   * $6 payload, $7 expires at), else as it stands, marked EXPIRED in the same statement when its time passed
   * undecided ("expiredNow" then says this statement did it). The table's final SELECT sees the row as it was before
   * the statement, so the changed and the created rows come first.
   */
  open: `
    WITH created AS (
      INSERT INTO "run_approvals" ("organization_id", "run_id", "step", "title", "summary", "payload", "expires_at")
      VALUES ($1::uuid, $2::uuid, $3, $4, $5, $6::jsonb, $7::timestamptz)
      ON CONFLICT ("run_id", "step") DO NOTHING
      RETURNING ${APPROVAL_RECORD}, false AS "expiredNow"),
    expired AS (
      UPDATE "run_approvals" SET "status" = 'EXPIRED'::"ApprovalStatus", "decided_at" = now()
      WHERE "run_id" = $2::uuid AND "step" = $3 AND "status" = 'PENDING'::"ApprovalStatus" AND "expires_at" <= now()
      RETURNING ${APPROVAL_RECORD}, true AS "expiredNow")
    SELECT * FROM expired
    UNION ALL SELECT * FROM created
    UNION ALL SELECT ${APPROVAL_RECORD}, false AS "expiredNow" FROM "run_approvals" WHERE "run_id" = $2::uuid AND "step" = $3
    LIMIT 1`,

  decided: `SELECT "status" <> 'PENDING'::"ApprovalStatus" AS "decided" FROM "run_approvals" WHERE "id" = $1::uuid`,

  /**
   * A decision in one statement ($1 approval, $2 run, $3 organization, $4 APPROVED or REJECTED, $5 edits, $6 reviewer,
   * $7 comment, $8 the caller's API key, $9 request id, $10 address): the run's row is locked first (a process
   * releasing the run at that moment is waited for, see RunExecutor.suspend), the approval decided only while pending,
   * unexpired and its run unfinished, the run queued again if it waits for it, run.approval_decided appended and the
   * decision's audit entry written (names of the edited fields, not their values). No row: nothing was decided (whyNot says why).
   */
  decide: `
    WITH run AS (
      SELECT "id", "organization_id", "user_id", "status", "attempt", (SELECT "name" FROM "agents" WHERE "agents"."id" = "agent_id") AS "agentName"
      FROM "agent_runs" WHERE "id" = $2::uuid AND "organization_id" = $3::uuid
      FOR UPDATE),
    decided AS (
      UPDATE "run_approvals"
      SET "status" = $4::"ApprovalStatus", "edits" = $5::jsonb, "reviewer_id" = $6::uuid, "comment" = $7, "decided_at" = now()
      WHERE "id" = $1::uuid AND "run_id" = $2::uuid AND "status" = 'PENDING'::"ApprovalStatus" AND ("expires_at" IS NULL OR "expires_at" > now())
        AND EXISTS (SELECT 1 FROM run WHERE "status" NOT IN ('COMPLETED'::"RunStatus", 'FAILED'::"RunStatus", 'CANCELLED'::"RunStatus", 'TIMED_OUT'::"RunStatus"))
      RETURNING ${APPROVAL_RECORD}),
    resumed AS (
      UPDATE "agent_runs" SET "status" = 'QUEUED'::"RunStatus", "wake_at" = NULL, "updated_at" = now()
      WHERE "id" = $2::uuid AND "status" = 'AWAITING_APPROVAL'::"RunStatus" AND EXISTS (SELECT 1 FROM decided)
      RETURNING "id"),
    appended AS (
      INSERT INTO "run_events" ("organization_id", "run_id", "type", "data")
      SELECT "organizationId", "runId", 'run.approval_decided',
             jsonb_build_object('approvalId', "id", 'step', "step", 'decision', lower("status"::text), 'reviewer', "reviewerId", 'comment', "comment", 'edited', "edits" IS NOT NULL)
      FROM decided
      RETURNING ${RUN_EVENT_COLUMNS}),
    audited AS (
      INSERT INTO "audit_logs" ("organization_id", "actor_user_id", "api_key_id", "action", "target_type", "target_id", "metadata", "request_id", "ip")
      SELECT decided."organizationId", decided."reviewerId", $8::uuid, 'approval.' || lower(decided."status"::text), 'run_approval', decided."id"::text,
             jsonb_build_object('runId', decided."runId", 'step', decided."step", 'agent', run."agentName", 'edited', decided."edits" IS NOT NULL,
               'editedFields', CASE WHEN jsonb_typeof(decided."edits") = 'object' THEN (SELECT coalesce(jsonb_agg(k ORDER BY k), '[]'::jsonb) FROM jsonb_object_keys(decided."edits") k) ELSE '[]'::jsonb END,
               'commented', decided."comment" IS NOT NULL),
             $9, $10
      FROM decided CROSS JOIN run
      RETURNING "id")
    SELECT decided.*, run."agentName", run."user_id" AS "userId", run."attempt", EXISTS (SELECT 1 FROM resumed) AS "resumed",
           (SELECT ${EVENTS_OF_APPENDED}) AS "events"
    FROM decided CROSS JOIN run`,

  /** Why no decision landed: the run ($1, organization $2) and the approval ($3) as they stand. */
  whyNot: `
    SELECT r."status" AS "runStatus", a."status" AS "approvalStatus", a."expires_at" AS "expiresAt"
    FROM "agent_runs" r LEFT JOIN "run_approvals" a ON a."id" = $3::uuid AND a."run_id" = r."id"
    WHERE r."id" = $1::uuid AND r."organization_id" = $2::uuid`,


  /**
   * The review inbox, newest first ($1 org, $2 status or NULL, $3/$4 cursor, $5 limit). A pending approval shows only
   * while its run waits for it (not once the run was cancelled) and until it expires.
   */
  list: `
    SELECT a."id", a."run_id" AS "runId", (SELECT "name" FROM "agents" WHERE "agents"."id" = r."agent_id") AS "agentName", a."step",
           a."title", a."summary", a."payload", a."status", a."expires_at" AS "expiresAt", a."edits", a."reviewer_id" AS "reviewerId",
           a."comment", a."decided_at" AS "decidedAt", a."created_at" AS "createdAt"
    FROM "run_approvals" a JOIN "agent_runs" r ON r."id" = a."run_id"
    WHERE a."organization_id" = $1::uuid
      AND ($2::text IS NULL OR a."status" = $2::"ApprovalStatus")
      AND (a."status" <> 'PENDING'::"ApprovalStatus" OR (r."status" = 'AWAITING_APPROVAL'::"RunStatus" AND (a."expires_at" IS NULL OR a."expires_at" > now())))
      AND ($3::timestamptz IS NULL OR (a."created_at", a."id") < ($3::timestamptz, $4::uuid))
    ORDER BY a."created_at" DESC, a."id" DESC
    LIMIT $5`,
} as const;
