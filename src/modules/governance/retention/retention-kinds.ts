import type { RetentionConfig } from '../../../config/governance-config';

/**
 * What the sweep purges, each with its own period. Usage and billing records are not here: they
 * are kept seven years (the AgentRun rows with their tokens and cost, model_usage, and the
 * model-call steps the usage report sums, whose payloads alone are cleared with the run logs).
 */
export const RETENTION_KINDS = ['run_events', 'tool_executions', 'tool_execution_payloads', 'audit_logs', 'deleted_content', 'campaign_metrics', 'exports'] as const;
export type RetentionKind = (typeof RETENTION_KINDS)[number];

const DAY_MS = 86_400_000;

/** Each kind's cutoff at `now`: rows older than it go. A period of 0 (keep forever) leaves the kind out. */
export function retentionCutoffs(config: RetentionConfig, now: Date): Map<RetentionKind, Date> {
  const periods: Array<[RetentionKind, number]> = [
    ['run_events', config.runLogsDays],
    ['tool_executions', config.runLogsDays],
    ['tool_execution_payloads', config.runLogsDays],
    ['audit_logs', config.auditLogDays],
    ['deleted_content', config.deletedContentDays],
    ['campaign_metrics', config.campaignMetricsDays],
  ];
  const cutoffs = new Map<RetentionKind, Date>();
  for (const [kind, days] of periods) if (days > 0) cutoffs.set(kind, new Date(now.getTime() - days * DAY_MS));
  // An export carries its own expiry (set when it was built): due once `now` passes it.
  cutoffs.set('exports', now);
  return cutoffs;
}
