import { isStopword, sStem, stemsOf, wordsOf } from '../../../common/text/terms';
import type { TrendItem } from './trend-items';

export interface TopicMatch {
  topic: string;
  items: TrendItem[];
}

/** Words common in posts that name no subject (a trend of "thanks" is not one). */
const FILLER: ReadonlySet<string> = new Set(
  'new now today tonight week day year time way thing thank follower post video thread live get got make made one two three four five first last see let go ready back'.split(' '),
);

/** Items about each topic a person named: those whose text holds every stem of the topic ("linen shirts" matches "Linen shirt care"). */
export function matchTopics(topics: readonly string[], items: readonly TrendItem[]): TopicMatch[] {
  const itemStems = items.map((item) => new Set(stemsOf(item.text)));
  return topics.map((topic) => {
    const wanted = stemsOf(topic);
    return { topic, items: items.filter((_, i) => wanted.length > 0 && wanted.every((stem) => itemStems[i].has(stem))) };
  });
}

/**
 * Topics the items share: every subject word (no function word, filler, number, or word under
 * three letters) found in at least `minItems` items, named by its most used spelling.
 */
export function discoverTopics(items: readonly TrendItem[], minItems = 2): TopicMatch[] {
  const byStem = new Map<string, { items: TrendItem[]; spellings: Map<string, number> }>();
  for (const item of items) {
    const seen = new Set<string>();
    for (const word of wordsOf(item.text)) {
      if (word.length < 3 || isStopword(word) || /^\p{N}+$/u.test(word)) continue;
      const stem = sStem(word);
      if (FILLER.has(stem) || FILLER.has(word)) continue;
      const entry = byStem.get(stem) ?? { items: [], spellings: new Map<string, number>() };
      byStem.set(stem, entry);
      entry.spellings.set(word, (entry.spellings.get(word) ?? 0) + 1);
      if (!seen.has(stem)) entry.items.push(item);
      seen.add(stem);
    }
  }
  return [...byStem.values()].filter((e) => e.items.length >= minItems).map((e) => ({ topic: spellingOf(e.spellings), items: e.items }));
}

/** The most used spelling; on a tie the shortest, then the first alphabetically. */
function spellingOf(spellings: Map<string, number>): string {
  return [...spellings].sort(([a, x], [b, y]) => y - x || a.length - b.length || a.localeCompare(b))[0][0];
}
