import { centroidOf, cosineSimilarity, l2Normalize } from './vector-math';

describe(centroidOf.name, () => {
  it('should average the unit vectors and normalise the mean', () => {
    const sut = centroidOf([
      [2, 0],
      [0, 10],
    ]);

    expect(sut[0]).toBeCloseTo(Math.SQRT1_2, 12);
    expect(sut[1]).toBeCloseTo(Math.SQRT1_2, 12);
  });

  it('should refuse no vectors and vectors of different dimensions', () => {
    expect(() => centroidOf([])).toThrow(RangeError);
    expect(() => centroidOf([[1, 0], [1]])).toThrow(RangeError);
  });
});

describe(cosineSimilarity.name, () => {
  it('should be 1 for the same direction, -1 for the opposite and 0 for orthogonal vectors', () => {
    expect(cosineSimilarity([1, 2], [2, 4])).toBeCloseTo(1, 12);
    expect(cosineSimilarity([1, 2], [-1, -2])).toBeCloseTo(-1, 12);
    expect(cosineSimilarity([1, 0], [0, 3])).toBe(0);
  });

  it('should be 0 when either vector is zero', () => {
    expect(cosineSimilarity([0, 0], [1, 1])).toBe(0);
  });

  it('should compare a model-sized vector with its zero-padded stored form as equal', () => {
    expect(cosineSimilarity([0.6, 0.8], [0.6, 0.8, 0, 0, 0])).toBeCloseTo(1, 12);
  });
});

describe(l2Normalize.name, () => {
  it('should scale to unit length and leave the zero vector alone', () => {
    expect(l2Normalize([3, 4])).toEqual([0.6, 0.8]);
    expect(l2Normalize([0, 0])).toEqual([0, 0]);
  });
});
