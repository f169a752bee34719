/**
 * What an export holds: one JSON Lines file per table, the organization's rows only. A table is
 * listed here on purpose, with the columns it leaves out; a table with an organization_id that is
 * in neither list fails the export spec, so a new table is a decision, not an accident.
 *
 * Never exported: secrets (API key and invitation token hashes, sealed connector credentials, sealed webhook secrets)
 * and derived bulk (embeddings, search vectors, the raw bytes of documents already normalized
 * into their text).
 */
export interface ExportTable {
  table: string;
  /** Which rows are the organization's: its own column, its id (the organization), or its members (users). */
  scope: 'organization_id' | 'id' | 'member';
  exclude: readonly string[];
}

const org = (table: string, exclude: readonly string[] = []): ExportTable => ({ table, scope: 'organization_id', exclude });

export const EXPORT_TABLES: readonly ExportTable[] = [
  { table: 'organizations', scope: 'id', exclude: [] },
  { table: 'users', scope: 'member', exclude: [] },
  org('organization_roles'),
  org('organization_memberships'),
  org('member_invitations', ['token_hash']),
  org('api_keys', ['key_hash']),
  org('agents'),
  org('agent_runs'),
  org('tool_executions'),
  org('run_approvals'),
  org('run_events'),
  org('connector_auths', ['secret_ciphertext', 'secret_key_id']),
  org('audit_logs'),
  org('brands'),
  org('brand_voices', ['embedding']),
  org('personas'),
  org('datasets'),
  org('documents', ['raw_content']),
  org('chunks', ['embedding', 'search_vector']),
  org('agent_memories', ['embedding', 'search_vector']),
  org('model_usage'),
  org('schedules'),
  org('schedule_ticks'),
  org('webhook_endpoints', ['secret_ciphertext']),
  org('webhook_deliveries'),
  org('agent_configs'),
  org('agent_config_changes'),
  org('campaigns'),
  org('campaign_metrics'),
  org('contents'),
  org('content_versions'),
  org('email_sequences'),
  org('conversations'),
  org('messages'),
  org('social_posts'),
  org('ab_tests'),
  org('keywords'),
  org('editorial_entries'),
  org('marketing_leads'),
  org('suppressions'),
  org('consent_records'),
  org('insights'),
  org('budget_changes'),
];

/** Tables with an organization_id that no export carries, and why. */
export const NOT_EXPORTED: Readonly<Record<string, string>> = {
  data_exports: 'the exports themselves: bookkeeping of this feature, not the organization’s data',
};

export const EXPORT_TABLE_NAMES = EXPORT_TABLES.map((t) => t.table);

/** The tables asked for, in the catalogue's order; none asked for: all of them. */
export function selectTables(names: readonly string[]): ExportTable[] {
  return names.length === 0 ? [...EXPORT_TABLES] : EXPORT_TABLES.filter((t) => names.includes(t.table));
}
