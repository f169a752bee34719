import { reciprocalRankFusion, RRF_K } from './reciprocal-rank-fusion';

describe(reciprocalRankFusion.name, () => {
  it('should score an item by the sum of 1 / (60 + rank) over the lists that hold it', () => {
    const sut = reciprocalRankFusion([['a', 'b'], ['b']], 10);

    expect(sut).toEqual([
      { id: 'b', score: 1 / (RRF_K + 2) + 1 / (RRF_K + 1), ranks: [2, 1] },
      { id: 'a', score: 1 / (RRF_K + 1), ranks: [1, null] },
    ]);
  });

  it('should rank an item both lists hold fairly high above one that a single list put first', () => {
    const vector = ['only-vector', 'both', 'v3', 'v4'];
    const text = ['only-text', 't2', 'both'];

    const sut = reciprocalRankFusion([vector, text], 3).map((hit) => hit.id);

    expect(sut).toEqual(['both', 'only-text', 'only-vector']);
  });

  it('should answer at most limit items, and none for empty lists', () => {
    expect(reciprocalRankFusion([['a', 'b', 'c'], ['d']], 2)).toHaveLength(2);
    expect(reciprocalRankFusion([[], []], 5)).toEqual([]);
  });

  it('should order equal scores by best single rank, then by id, whatever order the lists came in', () => {
    const forward = reciprocalRankFusion([['x', 'y'], ['y', 'x'], ['z']], 3).map((hit) => hit.id);
    const swapped = reciprocalRankFusion([['y', 'x'], ['x', 'y'], ['z']], 3).map((hit) => hit.id);

    expect(forward).toEqual(['x', 'y', 'z']);
    expect(swapped).toEqual(forward);
  });

  it('should count an id listed twice in one list at its first place only', () => {
    expect(reciprocalRankFusion([['a', 'a']], 1)).toEqual([{ id: 'a', score: 1 / (RRF_K + 1), ranks: [1] }]);
  });

  it('should let a smaller constant weigh top places more', () => {
    const lists = [['first', 'both'], ['x', 'y', 'z', 'w', 'v', 'both']];

    expect(reciprocalRankFusion(lists, 1)[0].id).toBe('both');
    expect(reciprocalRankFusion(lists, 1, 1)[0].id).toBe('first');
  });
});
