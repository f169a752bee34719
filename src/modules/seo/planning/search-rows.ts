import { isStorableString } from '../../../common/validation/storable-text';

/** A row of `google_search_console.query_search_analytics` grouped by query: keys[0] is the query. */
export interface SearchRow {
  keys: string[];
  clicks: number;
  impressions: number;
  ctr: number;
  position: number;
}

/** A query's performance over the reporting period. */
export interface KeywordStat {
  term: string;
  impressions: number;
  clicks: number;
  /** clicks / impressions, 0..1. */
  ctr: number;
  /** Average position, impression-weighted (1 is the top). */
  position: number;
}

/** Longer queries are sentences, not keywords a calendar plans for (the API caps terms alike). */
export const MAX_TERM_LENGTH = 200;

/**
 * One stat per keyword as the database tells keywords apart: terms are citext, so "Cold Brew"
 * and "cold brew" are one row and their figures add up (a single upsert statement may not touch
 * one row twice). The spelling kept is the one with more impressions. Queries that could not be
 * stored or are too long are left out. Most impressions first.
 */
export function keywordStatsOf(rows: readonly SearchRow[]): KeywordStat[] {
  const byKey = new Map<string, { term: string; best: number; impressions: number; clicks: number; weightedPosition: number }>();
  for (const row of rows) {
    const term = (row.keys[0] ?? '').replace(/\s+/g, ' ').trim();
    if (!term || term.length > MAX_TERM_LENGTH || !isStorableString(term)) continue;
    const impressions = Math.max(0, Math.round(row.impressions));
    const clicks = Math.max(0, Math.round(row.clicks));
    const key = term.toLowerCase();
    const seen = byKey.get(key);
    if (!seen) {
      byKey.set(key, { term, best: impressions, impressions, clicks, weightedPosition: row.position * impressions });
      continue;
    }
    if (impressions > seen.best) Object.assign(seen, { term, best: impressions });
    seen.impressions += impressions;
    seen.clicks += clicks;
    seen.weightedPosition += row.position * impressions;
  }
  return [...byKey.values()]
    .map(({ term, impressions, clicks, weightedPosition }) => ({
      term,
      impressions,
      clicks,
      ctr: impressions > 0 ? round(clicks / impressions, 4) : 0,
      position: impressions > 0 ? round(weightedPosition / impressions, 1) : 0,
    }))
    .sort((a, b) => b.impressions - a.impressions || a.term.localeCompare(b.term));
}

export function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
