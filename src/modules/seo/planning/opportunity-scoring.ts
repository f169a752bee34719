import { type KeywordStat, round } from './search-rows';

/**
 * Organic click-through rate by position, pages one and two: the shape published CTR studies
 * agree on (Advanced Web Ranking's CTR curve, 2024, all devices), rounded. It is a yardstick for
 * "clicks a query could win", not a promise: real CTR varies with SERP features.
 */
const CTR_BY_POSITION = [0.28, 0.15, 0.1, 0.07, 0.05, 0.04, 0.03, 0.025, 0.02, 0.018];
const PAGE_TWO_CTR = 0.01;

/** Where an opportunity lies: past the top three, still within two pages, seen often enough to matter. */
export interface OpportunityRules {
  minPosition: number;
  maxPosition: number;
  minImpressions: number;
}

export const DEFAULT_OPPORTUNITY_RULES: OpportunityRules = { minPosition: 4, maxPosition: 20, minImpressions: 50 };

/** What a top-three result would earn: the target an opportunity is measured against. */
export const TARGET_CTR = expectedCtr(3);

export interface Opportunity extends KeywordStat {
  /** Clicks the query would have won at the target CTR, beyond those it won. */
  potentialClicks: number;
  /** potentialClicks, discounted by how far down the query ranks (a position 5 moves up more easily than a 19). */
  score: number;
}

/** The expected CTR at an average position (fractional positions interpolate). */
export function expectedCtr(position: number): number {
  if (position <= 1) return CTR_BY_POSITION[0];
  if (position > 20) return 0;
  if (position > CTR_BY_POSITION.length) return PAGE_TWO_CTR;
  const lower = Math.floor(position);
  const upper = Math.min(lower + 1, CTR_BY_POSITION.length);
  const fraction = position - lower;
  return CTR_BY_POSITION[lower - 1] + (CTR_BY_POSITION[upper - 1] - CTR_BY_POSITION[lower - 1]) * fraction;
}

/**
 * A query is an opportunity when it is seen a lot (impressions), ranks within striking distance
 * (positions 4 to 20) and is clicked less than a top-three result would be (low CTR). Its score
 * is the clicks it is missing, weighed by how close it is to the top: 1 at position 4, 0.25 at 20.
 * Null when it is not an opportunity.
 */
export function scoreOpportunity(stat: KeywordStat, rules: OpportunityRules = DEFAULT_OPPORTUNITY_RULES): Opportunity | null {
  if (stat.position < rules.minPosition || stat.position > rules.maxPosition) return null;
  if (stat.impressions < rules.minImpressions || stat.ctr >= TARGET_CTR) return null;
  const potentialClicks = Math.round(stat.impressions * TARGET_CTR - stat.clicks);
  if (potentialClicks <= 0) return null;
  const ease = 1 - (0.75 * (stat.position - rules.minPosition)) / (rules.maxPosition - rules.minPosition);
  return { ...stat, potentialClicks, score: round(potentialClicks * ease, 1) };
}

/** The opportunities among `stats`, best first (ties by term, so the order is stable). */
export function opportunitiesOf(stats: readonly KeywordStat[], rules: OpportunityRules = DEFAULT_OPPORTUNITY_RULES): Opportunity[] {
  return stats
    .map((stat) => scoreOpportunity(stat, rules))
    .filter((o): o is Opportunity => o !== null)
    .sort((a, b) => b.score - a.score || a.term.localeCompare(b.term));
}
