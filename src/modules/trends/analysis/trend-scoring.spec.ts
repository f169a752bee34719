import type { TrendItem } from './trend-items';
import { engagementOf, HALF_LIFE_HOURS, pickTrends, recencyWeight, referenceTime, scoreTopics } from './trend-scoring';

const NOW = new Date('2026-12-10T12:00:00.000Z');
const hoursAgo = (hours: number) => new Date(NOW.getTime() - hours * 3_600_000).toISOString();
const item = (id: string, network: TrendItem['network'], metrics: Record<string, number>, age = 0): TrendItem => ({ network, id, url: `u/${id}`, text: id, createdAt: hoursAgo(age), metrics });

describe('trend scoring', () => {
  describe(engagementOf.name, () => {
    it('should weigh conversations above approvals, per network', () => {
      expect(engagementOf(item('r', 'reddit', { score: 100, comments: 10 }))).toBe(120);
      expect(engagementOf(item('x', 'x', { impressions: 9_000, likes: 10, reposts: 1, replies: 2, quotes: 1, bookmarks: 3 }))).toBe(21);
      expect(engagementOf(item('y', 'youtube', { views: 1_000, likes: 10, comments: 2 }))).toBe(24);
    });

    it('should count missing or negative metrics as none', () => {
      expect(engagementOf(item('r', 'reddit', { score: -5 }))).toBe(0);
    });
  });

  describe(recencyWeight.name, () => {
    it('should halve every half-life and not reward the future', () => {
      expect(recencyWeight(hoursAgo(0), NOW)).toBe(1);
      expect(recencyWeight(hoursAgo(HALF_LIFE_HOURS), NOW)).toBeCloseTo(0.5);
      expect(recencyWeight(hoursAgo(2 * HALF_LIFE_HOURS), NOW)).toBeCloseTo(0.25);
      expect(recencyWeight(hoursAgo(-5), NOW)).toBe(1);
      expect(recencyWeight('not a date', NOW)).toBe(0);
    });
  });

  describe(referenceTime.name, () => {
    it('should be the newest item, not the clock', () => {
      expect(referenceTime([item('a', 'x', {}, 30), item('b', 'x', {}, 2)]).toISOString()).toBe(hoursAgo(2));
    });
  });

  describe(scoreTopics.name, () => {
    it('should prefer engagement and recency, and a topic seen on more networks', () => {
      const fresh = item('fresh', 'reddit', { score: 100 }, 0);
      const stale = item('stale', 'reddit', { score: 100 }, 6 * HALF_LIFE_HOURS);
      const onX = item('onX', 'x', { likes: 100 }, 0);

      const ranked = scoreTopics([{ topic: 'stale', items: [stale] }, { topic: 'fresh', items: [fresh] }, { topic: 'both', items: [fresh, onX] }], NOW);

      expect(ranked.map((t) => t.topic)).toEqual(['both', 'fresh', 'stale']);
      const both = ranked[0];
      expect(both.networks).toEqual(['reddit', 'x']);
      expect(both.score).toBeCloseTo(2 * Math.log1p(100) * 1.25, 3);
      expect(ranked[2].score).toBeCloseTo(Math.log1p(100) / 64, 3);
    });
  });

  describe(pickTrends.name, () => {
    const a = item('a', 'x', { likes: 50 });
    const b = item('b', 'x', { likes: 40 });
    const ranked = scoreTopics([{ topic: 'linen', items: [a, b] }, { topic: 'shirt', items: [a] }, { topic: 'spring', items: [b] }, { topic: 'quiet', items: [item('q', 'x', {})] }], NOW);

    it('should leave out a trend whose items a better one covers, when asked', () => {
      expect(pickTrends(ranked, 5, true).map((t) => t.topic)).toEqual(['linen']);
      expect(pickTrends(ranked, 5, false).map((t) => t.topic)).toEqual(['linen', 'shirt', 'spring']);
    });

    it('should stop at the limit and skip trends that score nothing', () => {
      expect(pickTrends(ranked, 2, false).map((t) => t.topic)).toEqual(['linen', 'shirt']);
    });
  });
});
