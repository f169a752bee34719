import { RUN_QUEUES } from '../agents/agent-queues';
import { Agent } from '../agents/agent.decorator';
import type { AgentHandler, AgentRunContext, RunUsageSoFar } from '../agents/agent.types';
import type { CampaignBudgetOutput } from '../connectors/providers/google_ads/manifest';
import { googleAdsAvailable } from './ads-availability';
import { BudgetExecuteInput } from './budget-execute.input';
import { BudgetChangesRepository } from './persistence/budget-changes.repository';

export const BUDGET_EXECUTE_AGENT = 'budget-execute';
export const CHANGED_SINCE_PROPOSED = 'changed since proposed';

export interface BudgetExecuteOutput {
  budgetChangeId: string;
  status: 'APPLIED' | 'FAILED';
  /** The budget read right before applying: the change's `before` when it applied. */
  currentMicros: number;
  afterMicros: number;
  error: string | null;
  usage: RunUsageSoFar;
}

const money = (micros: number) => (micros / 1_000_000).toFixed(2);

/**
 * Applies one approved budget change (a stage the ads agent starts on budget.execute): it reads
 * the campaign's budget again and applies the change only if the budget is still the one the
 * change was proposed against; someone who changed it meanwhile (in the Ads UI, another run)
 * wins, and the change is FAILED 'changed since proposed'. Steps: get_campaign_budget, then
 * update_campaign_budget; the BudgetChange row is written at commit.
 */
@Agent({
  name: BUDGET_EXECUTE_AGENT,
  kind: 'ADS',
  description: 'Applies one approved Google Ads budget change if the budget has not changed since it was proposed (started by the ads agent)',
  input: BudgetExecuteInput,
  tools: ['google_ads.get_campaign_budget', 'google_ads.update_campaign_budget'],
  queue: RUN_QUEUES.budgetExecute,
  internal: true,
  enabled: googleAdsAvailable,
})
export class BudgetExecuteAgent implements AgentHandler<BudgetExecuteInput, BudgetExecuteOutput> {
  constructor(private readonly budgetChanges: BudgetChangesRepository) {}

  async run(input: BudgetExecuteInput, context: AgentRunContext): Promise<BudgetExecuteOutput> {
    const campaign = { customerId: input.customerId, campaignId: input.campaignId };
    const current = await context.tools.call<CampaignBudgetOutput>('google_ads', 'get_campaign_budget', campaign);
    const changed = current.amountMicros !== input.beforeMicros;
    const error = changed ? `${CHANGED_SINCE_PROPOSED}: the budget is ${money(current.amountMicros)}, the change was proposed against ${money(input.beforeMicros)}` : null;
    if (!changed) await context.tools.call('google_ads', 'update_campaign_budget', { ...campaign, amountMicros: input.afterMicros });

    const status = changed ? 'FAILED' : 'APPLIED';
    context.onCommit(() =>
      this.budgetChanges.recordOutcome({
        id: input.budgetChangeId,
        organizationId: context.organizationId,
        customerId: input.customerId.replace(/-/g, ''),
        externalCampaignId: input.campaignId,
        beforeMicros: input.beforeMicros,
        afterMicros: input.afterMicros,
        changePercent: Math.round(((input.afterMicros - input.beforeMicros) / input.beforeMicros) * 10_000) / 100,
        status,
        // The commit follows the update within moments; the provider's answer carries no time.
        appliedAt: changed ? null : new Date(),
        error,
      }),
    );
    return { budgetChangeId: input.budgetChangeId, status, currentMicros: current.amountMicros, afterMicros: input.afterMicros, error, usage: context.usage() };
  }
}
