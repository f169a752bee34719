import { excerpt } from '../../../common/text/terms';
import type { KeywordCluster } from './keyword-clustering';
import type { Opportunity } from './opportunity-scoring';
import { type KeywordStat, round } from './search-rows';

/** A cluster with its figures: what the calendar ranks and the model is told. */
export interface ClusterSummary {
  name: string;
  /** Members with their figures, as clustered (leader first). */
  keywords: KeywordStat[];
  impressions: number;
  clicks: number;
  /** The sum of its members' opportunity scores (0: nothing to win). */
  opportunity: number;
  /** The member an entry targets: its best opportunity, else its leader. */
  lead: KeywordStat;
}

/** Clusters ranked for the calendar: most opportunity first, then most impressions, then by name. */
export function summarizeClusters(clusters: readonly KeywordCluster[], stats: readonly KeywordStat[], opportunities: readonly Opportunity[]): ClusterSummary[] {
  const statOf = new Map(stats.map((s) => [s.term, s]));
  const scoreOf = new Map(opportunities.map((o) => [o.term, o.score]));
  return clusters
    .map((cluster) => {
      const keywords = cluster.terms.map((term) => statOf.get(term)).filter((s): s is KeywordStat => s !== undefined);
      const best = [...keywords].sort((a, b) => (scoreOf.get(b.term) ?? 0) - (scoreOf.get(a.term) ?? 0))[0];
      return {
        name: cluster.name,
        keywords,
        impressions: keywords.reduce((sum, k) => sum + k.impressions, 0),
        clicks: keywords.reduce((sum, k) => sum + k.clicks, 0),
        opportunity: round(keywords.reduce((sum, k) => sum + (scoreOf.get(k.term) ?? 0), 0), 1),
        lead: best,
      };
    })
    .filter((c) => c.keywords.length > 0)
    .sort((a, b) => b.opportunity - a.opportunity || b.impressions - a.impressions || a.name.localeCompare(b.name));
}

/** The clusters the calendar plans for: those with something to win, best first, at most `count`. */
export function calendarClusters(ranked: readonly ClusterSummary[], count: number): ClusterSummary[] {
  return ranked.filter((c) => c.opportunity > 0).slice(0, Math.max(0, count));
}

const DAY_MS = 86_400_000;

/**
 * `count` dates spread evenly over a horizon of `weeks` weeks that starts the day after `asOf`
 * (YYYY-MM-DD, a recorded day, so a retried run plans the same dates): with 4 weeks and 4 entries,
 * one a week from tomorrow.
 */
export function spreadDates(asOf: string, weeks: number, count: number): string[] {
  const start = Date.parse(`${asOf}T00:00:00.000Z`) + DAY_MS;
  if (Number.isNaN(start)) throw new RangeError(`asOf must be YYYY-MM-DD, got ${JSON.stringify(asOf)}`);
  const horizonDays = weeks * 7;
  return Array.from({ length: count }, (_, i) => new Date(start + Math.floor((i * horizonDays) / count) * DAY_MS).toISOString().slice(0, 10));
}

/**
 * A title that names the keyword it targets (a page ranks for what its title says): the model's,
 * led by the keyword when it left it out, within `max` characters.
 */
export function entryTitle(title: string, keyword: string, max: number): string {
  const clean = title.replace(/\s+/g, ' ').trim();
  if (clean.toLowerCase().includes(keyword.toLowerCase())) return excerpt(clean, max);
  const lead = keyword.charAt(0).toUpperCase() + keyword.slice(1);
  return excerpt(`${lead}: ${clean}`, max);
}
