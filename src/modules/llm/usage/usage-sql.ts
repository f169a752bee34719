/**
 * The month's model tokens of one organization, from what was recorded: model calls of runs
 * (ToolExecution rows that carry tokens) and knowledge intake's embeddings (on the documents).
 * The budget counter in Redis is seeded from this when it is missing, and used directly when
 * Redis is down.
 */
export const USAGE_SQL = {
  monthTokens: `
    SELECT (SELECT coalesce(sum(coalesce(input_tokens, 0) + coalesce(output_tokens, 0)), 0)
              FROM tool_executions
             WHERE organization_id = $1 AND started_at >= $2 AND started_at < $3 AND input_tokens IS NOT NULL)
         + (SELECT coalesce(sum(embedding_tokens), 0)
              FROM documents
             WHERE organization_id = $1 AND ready_at >= $2 AND ready_at < $3) AS tokens`,
  organizationBudget: `SELECT monthly_token_budget FROM organizations WHERE id = $1`,
} as const;
