import { derivedUuid } from '../../common/ids/derived-uuid';
import { ValidationFailedError } from '../../common/errors/domain-errors';
import { numberSetting } from '../../common/validation/number-setting';
import { AGENT_CONFIG_TOOL, type EffectiveAgentConfig, needsApproval, READ_CONFIG_ACTION } from '../agent-config/agent-config.types';
import { Agent } from '../agents/agent.decorator';
import type { AgentHandler, AgentRunContext, RunUsageSoFar } from '../agents/agent.types';
import type { ApprovalDecision } from '../agents/run-waits';
import type { GetCampaignMetricsOutput } from '../connectors/providers/google_ads/manifest';
import { type AdsDateRange, AdsInput, DAYS_IN } from './ads.input';
import { googleAdsAvailable } from './ads-availability';
import { BUDGET_EXECUTE_AGENT } from './budget-execute.agent';
import { type BudgetGuardrails, type CampaignFigures, type HeldCampaign, proposeBudgetChanges } from './budget-rules';
import { budgetReviewRequest, type PlannedChange, reviewedChanges } from './budget-review';
import { BudgetChangesRepository, type DecidedBudgetChange } from './persistence/budget-changes.repository';

export const ADS_AGENT = 'ads';
export const BUDGET_CHANGE = 'budget.change';
export const DEFAULT_MAX_CHANGE_PERCENT = 20;

export interface AdsChange {
  budgetChangeId: string;
  campaignId: string;
  name: string;
  beforeMicros: number;
  afterMicros: number;
  changePercent: number;
  reason: string;
  limitedBy: string[];
  /** not-needed: under the organization's threshold, made at once; otherwise the reviewer's decision (removed: left out of the edits). */
  approval: 'not-needed' | 'approved' | 'rejected' | 'expired' | 'removed';
  status: 'APPROVED' | 'REJECTED';
  /** The budget-execute run that applies it. */
  executeRunId: string | null;
}

export interface AdsOutput {
  customerId: string;
  dateRange: string;
  targetCpaMicros: number;
  guardrails: BudgetGuardrails;
  changes: AdsChange[];
  held: HeldCampaign[];
  /** The enabled campaigns' daily budgets before, and after the approved changes. */
  totalBeforeMicros: number;
  totalAfterMicros: number;
  review?: { decision: ApprovalDecision['decision']; reviewer: string | null; comment?: string };
  notes: string[];
  usage: RunUsageSoFar;
}

/**
 * Steers Google Ads daily budgets to a target cost per conversion: reads the campaigns' figures,
 * proposes changes by a fixed rule within the organization's guardrails (budget-rules.ts), asks a
 * person for changes above the organization's threshold (one approval, edits re-checked), and
 * starts one budget-execute run per approved change. Steps: agent_config.read,
 * google_ads.get_campaign_metrics, approval.request (when a change needs it), runs.start per change.
 */
@Agent({
  name: ADS_AGENT,
  kind: 'ADS',
  description: 'Proposes Google Ads daily budget changes toward a target CPA within guardrails (max change, daily cap), asks approval above a threshold, and applies them',
  input: AdsInput,
  tools: [`${AGENT_CONFIG_TOOL}.${READ_CONFIG_ACTION}`, 'google_ads.get_campaign_metrics', 'runs.start'],
  starts: [BUDGET_EXECUTE_AGENT],
  writes: [BUDGET_CHANGE],
  enabled: googleAdsAvailable,
})
export class AdsAgent implements AgentHandler<AdsInput, AdsOutput> {
  constructor(private readonly budgetChanges: BudgetChangesRepository) {}

  async run(input: AdsInput, context: AgentRunContext): Promise<AdsOutput> {
    const config = await context.tools.call<EffectiveAgentConfig>(AGENT_CONFIG_TOOL, READ_CONFIG_ACTION, { agent: ADS_AGENT });
    const guardrails: BudgetGuardrails = {
      maxChangePercent: numberSetting(config.settings, 'maxChangePercent', { min: 0, max: 100 }) ?? DEFAULT_MAX_CHANGE_PERCENT,
      dailyCapMicros: numberSetting(config.settings, 'dailyCapMicros', { min: 0 }),
    };
    const targetCpaMicros = Math.round((input.targetCpa ?? targetCpaSetting(config)) * 1_000_000);
    const expiresInMs = numberSetting(config.settings, 'approvalExpiresInMs', { min: 1_000 }) ?? undefined;
    const dateRange: AdsDateRange = input.dateRange ?? 'LAST_7_DAYS';

    const metrics = await context.tools.call<GetCampaignMetricsOutput>('google_ads', 'get_campaign_metrics', {
      customerId: input.customerId,
      dateRange,
      ...(input.campaignIds ? { campaignIds: input.campaignIds } : {}),
    });
    const figures: CampaignFigures[] = metrics.campaigns.map((c) => ({ ...c, budgetMicros: c.budgetAmountMicros, days: DAYS_IN[dateRange] }));
    const plan = proposeBudgetChanges(figures, targetCpaMicros, guardrails);
    const planned: PlannedChange[] = plan.changes.map((c) => ({ ...c, budgetChangeId: derivedUuid(`${context.runId}:budget:${c.campaignId}`) }));
    const review = planned.filter((c) => needsApproval(config, BUDGET_CHANGE, Math.abs(c.changePercent)));
    const unreviewed = planned.filter((c) => !review.includes(c));

    // Changes under the threshold go on at once: a person's wait for the others does not hold them.
    const changes: AdsChange[] = [];
    for (const change of unreviewed) changes.push(await this.start(change, 'not-needed', input.customerId, context));

    let outcome: AdsOutput['review'];
    const notes: string[] = [];
    if (review.length) {
      const decision = await context.approval.request(budgetReviewRequest(input.customerId, review, plan, guardrails, expiresInMs));
      outcome = { decision: decision.decision, reviewer: decision.reviewer, ...(decision.comment ? { comment: decision.comment } : {}) };
      const reviewed = await reviewedChanges(decision, review, figures.filter((f) => f.status === 'ENABLED'), unreviewed, guardrails);
      notes.push(...reviewed.notes);
      for (const change of reviewed.approved) changes.push(await this.start(change, 'approved', input.customerId, context));
      for (const change of reviewed.declined) {
        const approval = !decision.approved ? (decision.decision as 'rejected' | 'expired') : 'removed';
        changes.push({ ...view(change), reason: `${change.reason}; ${change.why}`, approval, status: 'REJECTED', executeRunId: null });
      }
    }

    context.onCommit(() => this.budgetChanges.recordDecisions(changes.map((c) => decided(c, input.customerId, context))));
    const delta = changes.filter((c) => c.status === 'APPROVED').reduce((sum, c) => sum + c.afterMicros - c.beforeMicros, 0);
    return {
      customerId: metrics.customerId,
      dateRange,
      targetCpaMicros,
      guardrails,
      changes,
      held: plan.held,
      totalBeforeMicros: plan.totalBeforeMicros,
      totalAfterMicros: plan.totalBeforeMicros + delta,
      ...(outcome ? { review: outcome } : {}),
      notes,
      usage: context.usage(),
    };
  }

  /** One budget-execute run per change, started once (runs.start is a recorded step). */
  private async start(change: PlannedChange, approval: 'not-needed' | 'approved', customerId: string, context: AgentRunContext): Promise<AdsChange> {
    const { runId } = await context.tools.call<{ runId: string }>('runs', 'start', {
      agent: BUDGET_EXECUTE_AGENT,
      input: { budgetChangeId: change.budgetChangeId, customerId, campaignId: change.campaignId, beforeMicros: change.beforeMicros, afterMicros: change.afterMicros },
    });
    return { ...view(change), approval, status: 'APPROVED', executeRunId: runId };
  }
}

function view(change: PlannedChange): Omit<AdsChange, 'approval' | 'status' | 'executeRunId'> {
  const { budgetChangeId, campaignId, name, beforeMicros, afterMicros, changePercent, reason, limitedBy } = change;
  return { budgetChangeId, campaignId, name, beforeMicros, afterMicros, changePercent, reason, limitedBy };
}

function decided(change: AdsChange, customerId: string, context: AgentRunContext): DecidedBudgetChange {
  return {
    id: change.budgetChangeId,
    organizationId: context.organizationId,
    runId: context.runId,
    customerId: customerId.replace(/-/g, ''),
    externalCampaignId: change.campaignId,
    campaignName: change.name,
    beforeMicros: change.beforeMicros,
    afterMicros: change.afterMicros,
    changePercent: change.changePercent,
    status: change.status,
    reason: change.reason,
  };
}

function targetCpaSetting(config: EffectiveAgentConfig): number {
  const target = numberSetting(config.settings, 'targetCpa', { min: 0.01 });
  if (target === null) throw new ValidationFailedError(['input.targetCpa'], 'no target CPA: pass input.targetCpa or set settings.targetCpa in the ads agent configuration');
  return target;
}
