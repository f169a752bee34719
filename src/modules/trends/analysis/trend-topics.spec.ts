import type { TrendItem } from './trend-items';
import { discoverTopics, matchTopics } from './trend-topics';

const item = (id: string, text: string, network: TrendItem['network'] = 'x'): TrendItem => ({ network, id, url: `https://example.com/${id}`, text, createdAt: '2026-12-01T00:00:00.000Z', metrics: {} });

describe('trend topics', () => {
  const items = [
    item('1', 'We tested linen shirts for a summer', 'reddit'),
    item('2', 'Three ways to style the linen shirt this week'),
    item('3', 'Spring lookbook 2025', 'youtube'),
    item('4', 'Our spring collection is live: linen, lighter'),
    item('5', 'Thank you for 10k followers! Thank you!'),
  ];

  describe(matchTopics.name, () => {
    it('should match items holding every stem of a topic, ignoring case and plurals', () => {
      const [shirts, spring, absent] = matchTopics(['Linen Shirts', 'spring', 'cold brew'], items);

      expect(shirts.items.map((i) => i.id)).toEqual(['1', '2']);
      expect(spring.items.map((i) => i.id)).toEqual(['3', '4']);
      expect(absent).toEqual({ topic: 'cold brew', items: [] });
    });

    it('should match nothing for a topic of function words only if no item says them', () => {
      expect(matchTopics(['the'], [item('1', 'linen')])[0].items).toEqual([]);
    });
  });

  describe(discoverTopics.name, () => {
    it('should find the subject words two items share, named by their most used spelling', () => {
      const found = discoverTopics(items);

      expect(found.map((t) => [t.topic, t.items.map((i) => i.id)])).toEqual([
        ['linen', ['1', '2', '4']],
        ['shirt', ['1', '2']],
        ['spring', ['3', '4']],
      ]);
    });

    it('should count a word once per item, and skip filler, numbers and short words', () => {
      const found = discoverTopics([item('1', 'thank you thank you 2025 ok'), item('2', 'thank you 2025 ok')]);

      expect(found).toEqual([]);
    });
  });
});
