import { expectedCtr, opportunitiesOf, scoreOpportunity, TARGET_CTR } from './opportunity-scoring';
import type { KeywordStat } from './search-rows';

const stat = (term: string, impressions: number, clicks: number, position: number): KeywordStat => ({ term, impressions, clicks, ctr: impressions ? clicks / impressions : 0, position });

describe('opportunity scoring', () => {
  describe(expectedCtr.name, () => {
    it('should fall with the position and interpolate between positions', () => {
      expect(expectedCtr(1)).toBeCloseTo(0.28);
      expect(expectedCtr(3)).toBe(TARGET_CTR);
      expect(expectedCtr(4.5)).toBeCloseTo(0.06);
      expect(expectedCtr(15)).toBe(0.01);
      expect(expectedCtr(21)).toBe(0);
    });
  });

  describe(scoreOpportunity.name, () => {
    it('should score the clicks a query misses against a top-three CTR', () => {
      const opportunity = scoreOpportunity(stat('linen shirt men', 2_000, 40, 4));

      expect(opportunity).toMatchObject({ potentialClicks: 160, score: 160 });
    });

    it('should discount a query further down: the same gap weighs a quarter at position 20', () => {
      expect(scoreOpportunity(stat('deep', 2_000, 40, 20))?.score).toBe(40);
      expect(scoreOpportunity(stat('middle', 2_000, 40, 12))?.score).toBe(100);
    });

    it.each([
      ['in the top three', stat('top', 5_000, 100, 3.9)],
      ['beyond page two', stat('far', 5_000, 10, 20.1)],
      ['seen too rarely', stat('rare', 49, 0, 8)],
      ['already clicked like a top-three result', stat('clicked', 1_000, 100, 8)],
    ])('should not count a query %s', (_, candidate) => {
      expect(scoreOpportunity(candidate)).toBeNull();
    });
  });

  describe(opportunitiesOf.name, () => {
    it('should rank by score, then by term', () => {
      const ranked = opportunitiesOf([stat('b', 1_000, 0, 10), stat('top', 9_000, 900, 2), stat('a', 1_000, 0, 10), stat('big', 9_000, 90, 5)]);

      expect(ranked.map((o) => o.term)).toEqual(['big', 'a', 'b']);
    });
  });
});
