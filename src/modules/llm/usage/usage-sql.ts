/**
 * The month's model tokens of one organization, from what was recorded: model calls of runs
 * (ToolExecution rows that carry tokens) and calls outside runs (the model_usage ledger).
 * The budget counter in Redis is seeded from this when it is missing, and used directly when
 * Redis is down.
 */
export const USAGE_SQL = {
  monthTokens: `
    SELECT (SELECT coalesce(sum(coalesce(input_tokens, 0) + coalesce(output_tokens, 0)), 0)
              FROM tool_executions
             WHERE organization_id = $1 AND started_at >= $2 AND started_at < $3 AND input_tokens IS NOT NULL)
         + (SELECT coalesce(sum(input_tokens + output_tokens), 0)
              FROM model_usage
             WHERE organization_id = $1 AND created_at >= $2 AND created_at < $3) AS tokens`,
  /** A call outside any run: $2 purpose, $3 provider, $4 model, $5/$6 tokens, $7 cost or NULL. */
  recordOutsideRun: `
    INSERT INTO model_usage (organization_id, purpose, provider, model, input_tokens, output_tokens, cost_usd)
    VALUES ($1::uuid, $2, $3, $4, $5, $6, $7::numeric)`,
  organizationBudget: `SELECT monthly_token_budget FROM organizations WHERE id = $1`,
} as const;
