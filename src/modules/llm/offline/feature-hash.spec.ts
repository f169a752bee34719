import { featureHashEmbedding, fnv1a32 } from './feature-hash';

const cosine = (a: number[], b: number[]) => a.reduce((sum, v, i) => sum + v * b[i], 0);

describe(featureHashEmbedding.name, () => {
  it('should hash with FNV-1a 32 as published', () => {
    // Reference values of the FNV-1a 32-bit test suite.
    expect(fnv1a32('')).toBe(0x811c9dc5);
    expect(fnv1a32('a')).toBe(0xe40c292c);
    expect(fnv1a32('foobar')).toBe(0xbf9cf968);
  });

  it('should give a unit vector of the requested dimensions, the same on every call', () => {
    const sut = featureHashEmbedding('Spring sale on running shoes', 64);
    expect(sut).toHaveLength(64);
    expect(cosine(sut, sut)).toBeCloseTo(1, 10);
    expect(featureHashEmbedding('spring SALE on running shoes!', 64)).toEqual(sut);
  });

  it('should score related texts higher than unrelated ones', () => {
    const query = featureHashEmbedding('running shoes spring sale', 1536);
    const related = featureHashEmbedding('our spring sale: running shoes at half price', 1536);
    const unrelated = featureHashEmbedding('quarterly tax filing deadline for accountants', 1536);
    expect(cosine(query, related)).toBeGreaterThan(0.4);
    expect(cosine(query, related)).toBeGreaterThan(cosine(query, unrelated) + 0.3);
  });

  it('should give the zero vector for a text without words', () => {
    expect(featureHashEmbedding(' ?! ', 8)).toEqual(new Array(8).fill(0));
  });
});
