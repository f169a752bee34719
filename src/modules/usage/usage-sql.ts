/** One organization's model usage in a month [$2, $3): the ToolExecution rows models served. */
const FIGURES = `
  coalesce(sum(te."input_tokens"), 0)::int AS "inputTokens", coalesce(sum(te."output_tokens"), 0)::int AS "outputTokens",
  coalesce(sum(te."cost_usd"), 0)::float8 AS "costUsd", (count(*) FILTER (WHERE te."cost_usd" IS NULL))::int AS "unpricedCalls",
  count(*)::int AS "calls"`;

const MONTH_OF_ORG = `te."organization_id" = $1::uuid AND te."started_at" >= $2 AND te."started_at" < $3 AND te."model" IS NOT NULL`;

export const USAGE_REPORT_SQL = {
  byModel: `
    SELECT te."provider", te."model", ${FIGURES}
      FROM "tool_executions" te
     WHERE ${MONTH_OF_ORG}
     GROUP BY te."provider", te."model"
     ORDER BY te."model", te."provider"`,
  byAgent: `
    SELECT a."name" AS "agent", ${FIGURES}, count(DISTINCT te."run_id")::int AS "runs"
      FROM "tool_executions" te
      JOIN "agent_runs" r ON r."id" = te."run_id"
      JOIN "agents" a ON a."id" = r."agent_id"
     WHERE ${MONTH_OF_ORG}
     GROUP BY a."name"
     ORDER BY a."name"`,
  /** Calls outside runs (knowledge intake, brand voice embeddings, scoring on request), by purpose and model. */
  outsideRuns: `
    SELECT "purpose", "provider", "model",
           coalesce(sum("input_tokens"), 0)::int AS "inputTokens", coalesce(sum("output_tokens"), 0)::int AS "outputTokens",
           coalesce(sum("cost_usd"), 0)::float8 AS "costUsd", (count(*) FILTER (WHERE "cost_usd" IS NULL))::int AS "unpricedCalls",
           count(*)::int AS "calls"
      FROM "model_usage"
     WHERE "organization_id" = $1::uuid AND "created_at" >= $2 AND "created_at" < $3
     GROUP BY "purpose", "provider", "model"
     ORDER BY "purpose", "model"`,
  ownBudget: `SELECT "monthly_token_budget" IS NOT NULL AS "own" FROM "organizations" WHERE "id" = $1::uuid`,
} as const;
