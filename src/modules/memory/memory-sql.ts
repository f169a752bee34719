/**
 * The memory tool's own statements (searching is HybridSearch's). `memory-sql.spec.ts` checks
 * every name against schema.prisma.
 */
export const MEMORY_SQL = {
  /** The agent a tool call works for: the one its run belongs to ($1 run, $2 organization; primary key). */
  agentOfRun: `SELECT "agent_id" AS "agentId" FROM "agent_runs" WHERE "id" = $1::uuid AND "organization_id" = $2::uuid`,

  /**
   * $1 id (derived from the call's idempotency key: a repeated call writes nothing twice), $2
   * organization, $3 agent, $4 text, $5 tags, $6 vector, $7 embedding space. The full-text vector
   * is the database's own reading of the text, like chunks'.
   */
  insert: `
    INSERT INTO "agent_memories" ("id", "organization_id", "agent_id", "text", "tags", "embedding", "embedding_space_id", "search_vector")
    VALUES ($1::uuid, $2::uuid, $3::uuid, $4::text, $5::text[], $6::vector, $7::uuid, to_tsvector('english', $4::text))
    ON CONFLICT ("id") DO NOTHING`,
} as const;
