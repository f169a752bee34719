/**
 * Reciprocal rank fusion (Cormack, Clarke and Büttcher, SIGIR 2009): an item's score is the sum,
 * over the rankings that hold it, of 1 / (K + rank). Ranks rather than raw scores, because a cosine
 * distance and a ts_rank_cd value are on scales that cannot be added. K = 60 is the paper's value,
 * and what Elasticsearch, OpenSearch and pgvector's own hybrid-search example use: large enough that
 * the top few places of one list do not swamp everything (1/61 against 1/62 is a 1.6 % step), so
 * an item both legs found fairly high beats one that only a single leg put first.
 */
export const RRF_K = 60;

export interface FusedRank {
  id: string;
  score: number;
  /** 1-based rank per input list, null where the list does not hold the id. */
  ranks: Array<number | null>;
}

/**
 * Fuses rankings (each a list of ids, best first; an id listed twice counts at its first place)
 * and answers the best `limit`, by score, then by best single rank, then by id, so equal inputs
 * always give the same order.
 */
export function reciprocalRankFusion(rankings: ReadonlyArray<readonly string[]>, limit: number, k = RRF_K): FusedRank[] {
  const fused = new Map<string, FusedRank>();
  rankings.forEach((ranking, list) => {
    ranking.forEach((id, index) => {
      let entry = fused.get(id);
      if (!entry) fused.set(id, (entry = { id, score: 0, ranks: rankings.map(() => null) }));
      if (entry.ranks[list] !== null) return;
      entry.ranks[list] = index + 1;
      entry.score += 1 / (k + index + 1);
    });
  });
  const bestRank = (entry: FusedRank) => Math.min(...entry.ranks.map((rank) => rank ?? Infinity));
  return [...fused.values()]
    .sort((a, b) => b.score - a.score || bestRank(a) - bestRank(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .slice(0, Math.max(0, limit));
}
