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

  /** The run the decision is for, locked: a suspending process and a decision serialise on it ($1 run, $2 org). */
  lockRun: `
    SELECT "id", "organization_id" AS "organizationId", "user_id" AS "userId", "status", "attempt",
           (SELECT "name" FROM "agents" WHERE "agents"."id" = "agent_id") AS "agentName"
    FROM "agent_runs" WHERE "id" = $1::uuid AND "organization_id" = $2::uuid FOR UPDATE`,

  /** $1 approval, $2 run, $3 APPROVED or REJECTED, $4 edits, $5 reviewer, $6 comment: only while pending and unexpired. */
  decide: `
    UPDATE "run_approvals"
    SET "status" = $3::"ApprovalStatus", "edits" = $4::jsonb, "reviewer_id" = $5::uuid, "comment" = $6, "decided_at" = now()
    WHERE "id" = $1::uuid AND "run_id" = $2::uuid AND "status" = 'PENDING'::"ApprovalStatus" AND ("expires_at" IS NULL OR "expires_at" > now())
    RETURNING ${APPROVAL_RECORD}`,

  byId: `SELECT ${APPROVAL_RECORD} FROM "run_approvals" WHERE "id" = $1::uuid AND "run_id" = $2::uuid`,

  /** A run waiting for this decision is queued again; a run still suspending is resumed by its own process. */
  resume: `
    UPDATE "agent_runs" SET "status" = 'QUEUED'::"RunStatus", "wake_at" = NULL, "updated_at" = now()
    WHERE "id" = $1::uuid AND "status" = 'AWAITING_APPROVAL'::"RunStatus"
    RETURNING "attempt"`,

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
