import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsInt, IsOptional, Matches, Max, Min, ValidateNested } from 'class-validator';
import { validatePlain } from '../../common/validation/validate-plain';
import type { ApprovalDecision, ApprovalRequest } from '../agents/run-waits';
import { applyGuardrails, BUDGET_UNIT_MICROS, type BudgetChangePlan, type BudgetGuardrails, type BudgetPlan, type CampaignFigures } from './budget-rules';

/** A change of the plan, named by the id of the row it will be. */
export interface PlannedChange extends BudgetChangePlan {
  budgetChangeId: string;
}

export class BudgetEdit {
  @Matches(/^\d{1,19}$/, { message: 'campaignId must be a numeric campaign id' })
  campaignId!: string;

  @IsInt()
  @Min(BUDGET_UNIT_MICROS)
  @Max(Number.MAX_SAFE_INTEGER)
  afterMicros!: number;
}

/** What a reviewer may send: the changes to make (a listed change left out is removed), each with its budget. */
export class BudgetEdits {
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => BudgetEdit)
  changes?: BudgetEdit[];
}

const money = (micros: number) => (micros / 1_000_000).toFixed(2);

export function budgetReviewRequest(customerId: string, review: readonly PlannedChange[], plan: BudgetPlan, guardrails: BudgetGuardrails, expiresInMs?: number): ApprovalRequest {
  const lines = review.map((c) => `${c.name}: ${money(c.beforeMicros)} -> ${money(c.afterMicros)} (${c.changePercent > 0 ? '+' : ''}${c.changePercent}%)`);
  return {
    title: `Change ${review.length} campaign budget${review.length === 1 ? '' : 's'} of Google Ads account ${customerId}`,
    summary: `${lines.join('; ')}. Send edits.changes ([{campaignId, afterMicros}]) to adjust; a change left out is not made.`,
    payload: {
      customerId,
      changes: review.map((c) => ({ budgetChangeId: c.budgetChangeId, campaignId: c.campaignId, name: c.name, beforeMicros: c.beforeMicros, afterMicros: c.afterMicros, changePercent: c.changePercent, reason: c.reason, limitedBy: c.limitedBy })),
      guardrails,
      totalBeforeMicros: plan.totalBeforeMicros,
      totalAfterMicros: plan.totalAfterMicros,
    },
    ...(expiresInMs !== undefined ? { expiresInMs } : {}),
  };
}

export interface ReviewedChanges {
  approved: PlannedChange[];
  /** Rejected with the request, or left out by the reviewer's edits. */
  declined: Array<PlannedChange & { why: string }>;
  /** What the guardrails did to the reviewer's edits, and edits that named no listed change. */
  notes: string[];
}

/**
 * The reviewed changes, with the reviewer's edits applied and checked again: an edit beyond
 * maxChangePercent is clamped, and edits that would take the budgets over the daily cap are
 * trimmed (the changes made without review stand as they are). Malformed edits fail the run
 * (a ValidationFailedError): nothing is changed on a guess.
 */
export async function reviewedChanges(
  decision: ApprovalDecision,
  review: readonly PlannedChange[],
  campaigns: readonly CampaignFigures[],
  unreviewed: readonly BudgetChangePlan[],
  guardrails: BudgetGuardrails,
): Promise<ReviewedChanges> {
  if (!decision.approved) return { approved: [], declined: review.map((c) => ({ ...c, why: `${decision.decision} by the reviewer` })), notes: [] };
  const edits = await validatePlain(BudgetEdits, decision.edits ?? {}, 'edits', 'budget change edits');
  if (!edits.changes) return { approved: [...review], declined: [], notes: [] };

  const notes: string[] = [];
  const byCampaign = new Map(edits.changes.map((e) => [e.campaignId, e.afterMicros]));
  for (const campaignId of byCampaign.keys()) if (!review.some((c) => c.campaignId === campaignId)) notes.push(`edit for campaign ${campaignId} ignored: it was not among the changes to review`);
  const declined = review.filter((c) => !byCampaign.has(c.campaignId)).map((c) => ({ ...c, why: 'removed by the reviewer' }));
  const edited = review
    .filter((c) => byCampaign.has(c.campaignId))
    .map((c) => {
      const after = byCampaign.get(c.campaignId)!;
      return after === c.afterMicros ? c : { ...c, afterMicros: after, reason: `${c.reason}; set to ${money(after)} by the reviewer`, limitedBy: [] };
    });

  // The cap counts the changes already made without review as part of the budgets.
  const made = new Map(unreviewed.map((c) => [c.campaignId, c.afterMicros]));
  const current = campaigns.map((c) => ({ ...c, budgetMicros: made.get(c.campaignId) ?? c.budgetMicros }));
  const checked = applyGuardrails(current, edited, [], guardrails);
  const ids = new Map(review.map((c) => [c.campaignId, c.budgetChangeId]));
  for (const change of checked.changes) {
    const asked = byCampaign.get(change.campaignId);
    if (asked !== undefined && asked !== change.afterMicros) notes.push(`${change.name}: the edit to ${money(asked)} was limited to ${money(change.afterMicros)} (${change.limitedBy.join(', ')})`);
  }
  for (const held of checked.held) {
    const original = review.find((c) => c.campaignId === held.campaignId)!;
    declined.push({ ...original, why: held.reason });
    notes.push(`${held.name}: not changed (${held.reason})`);
  }
  return { approved: checked.changes.map((c) => ({ ...c, budgetChangeId: ids.get(c.campaignId)! })), declined, notes };
}
