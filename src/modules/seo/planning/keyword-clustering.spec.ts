import { clusterKeywords, jaccard } from './keyword-clustering';

const keyword = (term: string, impressions = 100) => ({ term, impressions });

describe(clusterKeywords.name, () => {
  it('should group variants of one topic under the member with the most impressions', () => {
    const clusters = clusterKeywords([keyword('linen shirts', 500), keyword('linen shirt men', 300), keyword('best linen shirt', 200), keyword('cold brew', 400)]);

    expect(clusters).toEqual([
      { name: 'linen shirts', terms: ['linen shirts', 'linen shirt men', 'best linen shirt'] },
      { name: 'cold brew', terms: ['cold brew'] },
    ]);
  });

  it('should compare with leaders only, so clusters do not chain', () => {
    const clusters = clusterKeywords([keyword('linen shirt', 300), keyword('linen shirt men', 200), keyword('shirt men', 100)]);

    // "shirt men" resembles "linen shirt men" (2/3) but its leader only by 1/3.
    expect(clusters.map((c) => c.terms)).toEqual([['linen shirt', 'linen shirt men'], ['shirt men']]);
  });

  it('should meet singular and plural and ignore function words', () => {
    const clusters = clusterKeywords([keyword('how to wash linen shirts', 300), keyword('wash linen shirt', 100)]);

    expect(clusters).toHaveLength(1);
  });

  it('should join the most similar leader when several qualify', () => {
    const clusters = clusterKeywords([keyword('coffee', 900), keyword('cold brew coffee', 800), keyword('cold brew coffee maker', 10)]);

    // The maker resembles "cold brew coffee" (3/4) more than "coffee" (1/4).
    expect(clusters.map((c) => c.terms)).toEqual([['coffee'], ['cold brew coffee', 'cold brew coffee maker']]);
  });

  it('should give the same clusters whatever the input order', () => {
    const input = [keyword('a b', 10), keyword('a b c', 10), keyword('c d', 10), keyword('d e', 20)];

    expect(clusterKeywords([...input].reverse())).toEqual(clusterKeywords(input));
  });

  it('should answer no clusters for no keywords', () => {
    expect(clusterKeywords([])).toEqual([]);
  });
});

describe(jaccard.name, () => {
  it('should be the share of stems two sets have in common', () => {
    expect(jaccard(new Set(['a', 'b']), new Set(['b', 'c']))).toBeCloseTo(1 / 3);
    expect(jaccard(new Set(), new Set())).toBe(0);
  });
});
