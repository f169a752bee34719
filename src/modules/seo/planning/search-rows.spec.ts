import { keywordStatsOf, MAX_TERM_LENGTH } from './search-rows';

const row = (query: string, impressions: number, clicks: number, position: number) => ({ keys: [query], impressions, clicks, ctr: clicks / impressions, position });

describe(keywordStatsOf.name, () => {
  it('should merge spellings that differ only in case, as the citext column does, adding their figures', () => {
    const stats = keywordStatsOf([row('cold brew', 300, 6, 8), row('Cold Brew', 100, 4, 4)]);

    expect(stats).toEqual([{ term: 'cold brew', impressions: 400, clicks: 10, ctr: 0.025, position: 7 }]);
  });

  it('should keep the spelling with the most impressions', () => {
    expect(keywordStatsOf([row('cold brew', 10, 1, 3), row('Cold Brew', 90, 1, 3)])[0].term).toBe('Cold Brew');
  });

  it('should order by impressions, then by term, and collapse whitespace', () => {
    const stats = keywordStatsOf([row('b', 10, 0, 5), row('  a   term ', 10, 0, 5), row('c', 50, 0, 5)]);

    expect(stats.map((s) => s.term)).toEqual(['c', 'a term', 'b']);
  });

  it('should leave out empty, over-long and unstorable queries', () => {
    const stats = keywordStatsOf([row(' ', 10, 0, 5), row('x'.repeat(MAX_TERM_LENGTH + 1), 10, 0, 5), row('nul\u0000byte', 10, 0, 5), row('kept', 10, 0, 5)]);

    expect(stats.map((s) => s.term)).toEqual(['kept']);
  });

  it('should answer a ctr of 0 for a query without impressions', () => {
    expect(keywordStatsOf([{ keys: ['rare'], impressions: 0, clicks: 0, ctr: 0, position: 40 }])[0]).toMatchObject({ ctr: 0, position: 0 });
  });
});
