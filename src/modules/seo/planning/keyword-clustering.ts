import { stemsOf } from '../../../common/text/terms';

export interface KeywordCluster {
  /** Its leader: the member with the most impressions. */
  name: string;
  /** Members, the leader first, then by impressions. */
  terms: string[];
}

/** How much two keywords must share to be one topic: half of their stems (Jaccard). */
export const DEFAULT_SIMILARITY = 0.5;

/**
 * Leader clustering over stem sets: keywords in order of impressions (ties by term), each joining
 * the existing cluster whose leader it resembles most (Jaccard similarity of their stems at least
 * `threshold`; the earlier cluster on a tie), or leading a new one. Comparing with leaders only
 * (not with every member) keeps clusters from chaining ("linen shirt" - "linen shirt men" - "men
 * shoes") and makes the result independent of anything but the input. O(keywords x clusters).
 */
export function clusterKeywords(keywords: ReadonlyArray<{ term: string; impressions: number }>, threshold = DEFAULT_SIMILARITY): KeywordCluster[] {
  const ordered = [...keywords].sort((a, b) => b.impressions - a.impressions || a.term.localeCompare(b.term));
  const clusters: Array<{ leader: ReadonlySet<string>; cluster: KeywordCluster }> = [];
  for (const { term } of ordered) {
    const stems = new Set(stemsOf(term));
    let best: (typeof clusters)[number] | undefined;
    let bestSimilarity = threshold;
    for (const candidate of clusters) {
      const similarity = jaccard(stems, candidate.leader);
      if (similarity > bestSimilarity || (similarity === bestSimilarity && !best)) {
        best = candidate;
        bestSimilarity = similarity;
      }
    }
    if (best) best.cluster.terms.push(term);
    else clusters.push({ leader: stems, cluster: { name: term, terms: [term] } });
  }
  return clusters.map((c) => c.cluster);
}

export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 && b.size === 0) return 0;
  let shared = 0;
  for (const item of a) if (b.has(item)) shared++;
  return shared / (a.size + b.size - shared);
}
