import type { TrendItem, TrendNetwork } from './trend-items';
import type { TopicMatch } from './trend-topics';

/** Attention fades: a post loses half its weight every three days. */
export const HALF_LIFE_HOURS = 72;
/** A topic seen on more networks is more of a trend: each further network adds a quarter. */
export const NETWORK_BONUS = 0.25;

export interface ScoredItem extends TrendItem {
  engagement: number;
  /** log(1 + engagement) x recency: what the item adds to its topic's score. */
  weight: number;
}

export interface Trend {
  topic: string;
  score: number;
  networks: TrendNetwork[];
  /** Heaviest first. */
  items: ScoredItem[];
}

const n = (metrics: Record<string, number>, key: string) => (Number.isFinite(metrics[key]) ? Math.max(0, metrics[key]) : 0);

/**
 * Interactions, weighted by effort: a comment, reply, repost or quote says more than a like or
 * an upvote; a view on YouTube says little (a hundred views count as one like).
 */
export function engagementOf(item: TrendItem): number {
  const m = item.metrics;
  switch (item.network) {
    case 'reddit':
      return n(m, 'score') + 2 * n(m, 'comments');
    case 'x':
      return n(m, 'likes') + 2 * (n(m, 'reposts') + n(m, 'replies') + n(m, 'quotes')) + n(m, 'bookmarks');
    case 'youtube':
      return n(m, 'likes') + 2 * n(m, 'comments') + n(m, 'views') / 100;
  }
}

/** 1 at `reference`, halving every HALF_LIFE_HOURS before it; an item after it (clock skew) counts as fresh. */
export function recencyWeight(createdAt: string, reference: Date): number {
  const time = Date.parse(createdAt);
  if (Number.isNaN(time)) return 0;
  const ageHours = Math.max(0, (reference.getTime() - time) / 3_600_000);
  return 0.5 ** (ageHours / HALF_LIFE_HOURS);
}

/**
 * The instant recency is measured from: the newest item's. Taken from the items (recorded tool
 * outputs) rather than the clock, so a retried run scores alike.
 */
export function referenceTime(items: readonly TrendItem[]): Date {
  const times = items.map((i) => Date.parse(i.createdAt)).filter((t) => !Number.isNaN(t));
  return new Date(times.length > 0 ? Math.max(...times) : 0);
}

export function scoreItem(item: TrendItem, reference: Date): ScoredItem {
  const engagement = round(engagementOf(item), 2);
  return { ...item, engagement, weight: round(Math.log1p(engagement) * recencyWeight(item.createdAt, reference), 4) };
}

/** Each topic's score: its items' weights, with the bonus for each network past the first. Best first, ties by topic. */
export function scoreTopics(matches: readonly TopicMatch[], reference: Date): Trend[] {
  return matches
    .map(({ topic, items }) => {
      const scored = items.map((item) => scoreItem(item, reference)).sort((a, b) => b.weight - a.weight || a.id.localeCompare(b.id));
      const networks = [...new Set(scored.map((i) => i.network))].sort();
      const sum = scored.reduce((total, i) => total + i.weight, 0);
      return { topic, score: round(sum * (1 + NETWORK_BONUS * Math.max(0, networks.length - 1)), 3), networks, items: scored };
    })
    .sort((a, b) => b.score - a.score || a.topic.localeCompare(b.topic));
}

/**
 * The best `limit` trends. With `dropCovered`, a trend whose items all belong to a better one is
 * left out: "shirt" says nothing "linen" does not when every post about shirts is about linen.
 */
export function pickTrends(ranked: readonly Trend[], limit: number, dropCovered: boolean): Trend[] {
  const picked: Trend[] = [];
  for (const trend of ranked) {
    if (picked.length >= limit) break;
    if (trend.score <= 0) continue;
    const covered = dropCovered && picked.some((better) => trend.items.every((item) => better.items.some((b) => b.network === item.network && b.id === item.id)));
    if (!covered) picked.push(trend);
  }
  return picked;
}

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
