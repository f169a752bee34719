import { calendarClusters, entryTitle, spreadDates, summarizeClusters } from './editorial-calendar';
import type { Opportunity } from './opportunity-scoring';
import type { KeywordStat } from './search-rows';

const stat = (term: string, impressions: number, clicks = 0, position = 8): KeywordStat => ({ term, impressions, clicks, ctr: clicks / impressions, position });
const opportunity = (s: KeywordStat, score: number): Opportunity => ({ ...s, potentialClicks: score, score });

describe('editorial calendar', () => {
  const shirt = stat('linen shirt', 900, 90, 2);
  const shirtMen = stat('linen shirt men', 300);
  const brew = stat('cold brew', 500);
  const brand = stat('northwind', 2_000, 900, 1);

  describe(summarizeClusters.name, () => {
    it('should rank clusters by opportunity, targeting each at its best opportunity', () => {
      const ranked = summarizeClusters(
        [{ name: 'northwind', terms: ['northwind'] }, { name: 'linen shirt', terms: ['linen shirt', 'linen shirt men'] }, { name: 'cold brew', terms: ['cold brew'] }],
        [brand, shirt, brew, shirtMen],
        [opportunity(brew, 40), opportunity(shirtMen, 25.5), opportunity(shirt, 20)],
      );

      expect(ranked.map((c) => [c.name, c.opportunity, c.lead.term, c.impressions])).toEqual([
        ['linen shirt', 45.5, 'linen shirt men', 1_200],
        ['cold brew', 40, 'cold brew', 500],
        ['northwind', 0, 'northwind', 2_000],
      ]);
    });
  });

  describe(calendarClusters.name, () => {
    it('should plan only clusters with something to win, at most count', () => {
      const ranked = summarizeClusters([{ name: 'a', terms: ['cold brew'] }, { name: 'b', terms: ['northwind'] }, { name: 'c', terms: ['linen shirt men'] }], [brew, brand, shirtMen], [opportunity(brew, 40), opportunity(shirtMen, 10)]);

      expect(calendarClusters(ranked, 5).map((c) => c.name)).toEqual(['a', 'c']);
      expect(calendarClusters(ranked, 1).map((c) => c.name)).toEqual(['a']);
    });
  });

  describe(spreadDates.name, () => {
    it('should plan one a week from the day after when entries and weeks match', () => {
      expect(spreadDates('2026-12-30', 4, 4)).toEqual(['2026-12-31', '2027-01-07', '2027-01-14', '2027-01-21']);
    });

    it('should spread fewer entries over the whole horizon', () => {
      expect(spreadDates('2026-03-01', 4, 3)).toEqual(['2026-03-02', '2026-03-11', '2026-03-20']);
    });

    it('should plan nothing for no entries, and refuse a day that is not one', () => {
      expect(spreadDates('2026-03-01', 4, 0)).toEqual([]);
      expect(() => spreadDates('soon', 4, 1)).toThrow(RangeError);
    });
  });

  describe(entryTitle.name, () => {
    it("should keep a title that names the keyword, in any case", () => {
      expect(entryTitle('The  Cold Brew guide', 'cold brew', 160)).toBe('The Cold Brew guide');
    });

    it('should lead with the keyword when the title leaves it out, within the limit', () => {
      expect(entryTitle('Eighteen hours, one jar', 'cold brew', 160)).toBe('Cold brew: Eighteen hours, one jar');
      expect(entryTitle('Eighteen hours, one jar', 'cold brew', 20)).toBe('Cold brew: Eighteen…');
    });
  });
});
