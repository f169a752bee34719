/**
 * The ads agent's rule for daily budgets, and the guardrails every change passes, as pure
 * functions of the campaigns' figures: what the agent proposes is decided here, never by a model.
 *
 * The rule, per ENABLED campaign with spend over the period (CPA = cost / conversions):
 * - CPA under the target and the campaign spends at least 90% of its budget a day (its budget
 *   holds it back): raise by (target / CPA - 1), e.g. CPA 16 against a target of 20: +25%.
 * - CPA under the target but spending less: hold; more budget would not be spent.
 * - CPA over the target (or spend without conversions): lower by (1 - target / CPA), e.g. CPA 25
 *   against 20: -20%; spend without conversions: the largest cut allowed.
 * Guardrails: no change beyond maxChangePercent either way (clamped, and said so); the sum of
 * the enabled campaigns' budgets after the changes stays at or under dailyCapMicros (raises are
 * trimmed, least efficient campaign first); amounts are whole cents; changes under 1% are held.
 */

/** Spending at least this share of its budget a day, a campaign is held back by its budget. */
export const NEAR_BUDGET_SHARE = 0.9;
/** Smaller changes are noise in a week's figures: held. */
export const MIN_CHANGE_PERCENT = 1;
/** Google Ads budgets are whole units of the currency's smallest coin: a cent is 10,000 micros. */
export const BUDGET_UNIT_MICROS = 10_000;

export interface CampaignFigures {
  campaignId: string;
  name: string;
  status: string;
  budgetMicros: number;
  costMicros: number;
  conversions: number;
  /** Days the figures cover. */
  days: number;
}

export interface BudgetGuardrails {
  maxChangePercent: number;
  /** The most the enabled campaigns' daily budgets may add up to after the changes; null: no cap. */
  dailyCapMicros: number | null;
}

export type LimitedBy = 'maxChangePercent' | 'dailyCap';

export interface BudgetChangePlan {
  campaignId: string;
  name: string;
  beforeMicros: number;
  afterMicros: number;
  /** (after - before) / before, in percent, two decimals. */
  changePercent: number;
  /** Cost per conversion over the period; null without conversions. */
  cpaMicros: number | null;
  reason: string;
  /** The guardrails that cut the change, if any. */
  limitedBy: LimitedBy[];
}

export interface HeldCampaign {
  campaignId: string;
  name: string;
  reason: string;
}

export interface BudgetPlan {
  changes: BudgetChangePlan[];
  held: HeldCampaign[];
  /** The enabled campaigns' daily budgets, summed, before and after the changes. */
  totalBeforeMicros: number;
  totalAfterMicros: number;
}

const money = (micros: number) => (micros / 1_000_000).toFixed(2);
const percentOf = (before: number, after: number) => Math.round(((after - before) / before) * 10_000) / 100;

/** What the rule proposes for `campaigns` against `targetCpaMicros`, within the guardrails. */
export function proposeBudgetChanges(campaigns: readonly CampaignFigures[], targetCpaMicros: number, guardrails: BudgetGuardrails): BudgetPlan {
  const changes: BudgetChangePlan[] = [];
  const held: HeldCampaign[] = [];
  for (const campaign of campaigns) {
    const outcome = ruleFor(campaign, targetCpaMicros);
    if ('held' in outcome) held.push({ campaignId: campaign.campaignId, name: campaign.name, reason: outcome.held });
    else changes.push(toPlan(campaign, campaign.budgetMicros * (1 + outcome.percent / 100), outcome.cpaMicros, outcome.reason));
  }
  const enabled = campaigns.filter((c) => c.status === 'ENABLED');
  return applyGuardrails(enabled, changes, held, guardrails);
}

/**
 * Clamps each change to maxChangePercent, rounds it to whole cents, drops changes under 1%, then
 * trims raises until the budgets fit under the daily cap: used for the rule's proposal and again
 * for a reviewer's edits. `campaigns` are every enabled campaign (the cap counts all their budgets).
 */
export function applyGuardrails(campaigns: readonly CampaignFigures[], proposed: readonly BudgetChangePlan[], held: readonly HeldCampaign[], guardrails: BudgetGuardrails): BudgetPlan {
  const kept: HeldCampaign[] = [...held];
  let changes = proposed.map((change) => clampToMax(change, guardrails.maxChangePercent));
  changes = dropTiny(changes, kept);
  const totalBeforeMicros = campaigns.reduce((sum, c) => sum + c.budgetMicros, 0);
  changes = fitUnderCap(changes, totalBeforeMicros, guardrails.dailyCapMicros, kept);
  const delta = changes.reduce((sum, c) => sum + c.afterMicros - c.beforeMicros, 0);
  return { changes, held: kept, totalBeforeMicros, totalAfterMicros: totalBeforeMicros + delta };
}

type RuleOutcome = { held: string } | { percent: number; cpaMicros: number | null; reason: string };

function ruleFor(c: CampaignFigures, target: number): RuleOutcome {
  if (c.status !== 'ENABLED') return { held: `campaign is ${c.status.toLowerCase()}` };
  if (c.costMicros <= 0 || c.budgetMicros <= 0) return { held: 'no spend over the period' };
  if (c.conversions <= 0) return { percent: -Infinity, cpaMicros: null, reason: `spent ${money(c.costMicros)} without a conversion` };
  const cpa = c.costMicros / c.conversions;
  const share = c.costMicros / c.days / c.budgetMicros;
  const figures = `CPA ${money(cpa)} against a target of ${money(target)}`;
  if (cpa > target) return { percent: -(1 - target / cpa) * 100, cpaMicros: Math.round(cpa), reason: `${figures}: lowered` };
  if (share < NEAR_BUDGET_SHARE) return { held: `${figures}, but it spends ${Math.round(share * 100)}% of its budget: more would not be spent` };
  return { percent: (target / cpa - 1) * 100, cpaMicros: Math.round(cpa), reason: `${figures}, spending ${Math.round(share * 100)}% of its budget: raised` };
}

function toPlan(c: Pick<CampaignFigures, 'campaignId' | 'name' | 'budgetMicros'>, wanted: number, cpaMicros: number | null, reason: string): BudgetChangePlan {
  return { campaignId: c.campaignId, name: c.name, beforeMicros: c.budgetMicros, afterMicros: wanted, changePercent: 0, cpaMicros, reason, limitedBy: [] };
}

/** Raises round down and cuts round up to whole cents, so rounding never takes a change past a guardrail. */
function clampToMax(change: BudgetChangePlan, maxPercent: number): BudgetChangePlan {
  const { beforeMicros: before } = change;
  const wanted = Number.isFinite(change.afterMicros) ? change.afterMicros : 0;
  const low = before * (1 - maxPercent / 100);
  const high = before * (1 + maxPercent / 100);
  const clamped = Math.min(high, Math.max(low, wanted));
  const limitedBy: LimitedBy[] = clamped !== wanted ? [...change.limitedBy.filter((l) => l !== 'maxChangePercent'), 'maxChangePercent'] : change.limitedBy;
  const after = Math.max(BUDGET_UNIT_MICROS, clamped >= before ? Math.floor(clamped / BUDGET_UNIT_MICROS) * BUDGET_UNIT_MICROS : Math.ceil(clamped / BUDGET_UNIT_MICROS) * BUDGET_UNIT_MICROS);
  return { ...change, afterMicros: after, changePercent: percentOf(before, after), limitedBy };
}

function dropTiny(changes: BudgetChangePlan[], held: HeldCampaign[]): BudgetChangePlan[] {
  return changes.filter((change) => {
    if (Math.abs(change.changePercent) >= MIN_CHANGE_PERCENT) return true;
    held.push({ campaignId: change.campaignId, name: change.name, reason: `${change.reason}, but by under ${MIN_CHANGE_PERCENT}%: held` });
    return false;
  });
}

/** Trims raises, highest CPA (least efficient) first, until the total fits; cuts are never deepened to meet the cap. */
function fitUnderCap(changes: BudgetChangePlan[], totalBefore: number, cap: number | null, held: HeldCampaign[]): BudgetChangePlan[] {
  if (cap === null) return changes;
  let excess = totalBefore + changes.reduce((sum, c) => sum + c.afterMicros - c.beforeMicros, 0) - cap;
  if (excess <= 0) return changes;
  const raises = changes.filter((c) => c.afterMicros > c.beforeMicros).sort((a, b) => (b.cpaMicros ?? Infinity) - (a.cpaMicros ?? Infinity) || a.campaignId.localeCompare(b.campaignId));
  const trimmed = new Map<string, BudgetChangePlan>();
  for (const raise of raises) {
    if (excess <= 0) break;
    const cut = Math.min(raise.afterMicros - raise.beforeMicros, Math.ceil(excess / BUDGET_UNIT_MICROS) * BUDGET_UNIT_MICROS);
    const after = raise.afterMicros - cut;
    excess -= cut;
    trimmed.set(raise.campaignId, { ...raise, afterMicros: after, changePercent: percentOf(raise.beforeMicros, after), limitedBy: [...raise.limitedBy, 'dailyCap'] });
  }
  return changes.flatMap((change) => {
    const fitted = trimmed.get(change.campaignId) ?? change;
    if (Math.abs(fitted.changePercent) >= MIN_CHANGE_PERCENT) return [fitted];
    held.push({ campaignId: change.campaignId, name: change.name, reason: `${change.reason}, but the daily cap of ${money(cap)} leaves no room: held` });
    return [];
  });
}
