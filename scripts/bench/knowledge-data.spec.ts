import { DIMENSIONS, random, Synthetic, tenantSizes } from './knowledge-data';

describe(tenantSizes.name, () => {
  it('should give one organization 40 %, three tiny ones 10, 50 and 200 rows, and spread the rest in whole documents', () => {
    const sut = tenantSizes(100_000, 50, 0.4, random(1));

    expect(sut).toHaveLength(50);
    expect(sut.reduce((a, b) => a + b, 0)).toBe(100_000);
    expect(sut.slice(0, 4)).toEqual([40_000, 10, 50, 200]);
    expect(sut.every((rows) => rows > 0 && rows % 10 === 0)).toBe(true);
    expect(Math.max(...sut.slice(4))).toBeLessThan(3 * Math.min(...sut.slice(4)) + 10);
  });
});

describe(Synthetic.name, () => {
  const cosine = (a: ArrayLike<number>, b: ArrayLike<number>) => Array.from(a).reduce((sum, x, i) => sum + x * b[i], 0);

  it('should make the same data on every run', () => {
    const [first, second] = [new Synthetic(), new Synthetic()];

    expect(second.query()).toEqual(first.query());
    expect(second.text(3)).toBe(first.text(3));
  });

  it('should make unit vectors that sit nearer their own cluster centre than another', () => {
    const sut = new Synthetic();
    const point = sut.point(7);

    expect(point).toHaveLength(DIMENSIONS);
    expect(cosine(point, point)).toBeCloseTo(1, 5);
    expect(cosine(point, sut.centres[7])).toBeGreaterThan(0.5);
    expect(Math.abs(cosine(point, sut.centres[8]))).toBeLessThan(0.2);
  });

  it('should write queries whose two words a chunk of their cluster may hold', () => {
    const sut = new Synthetic();
    const query = sut.query();
    const texts = Array.from({ length: 20 }, () => sut.text(query.cluster));

    expect(query.text.split(' ')).toHaveLength(2);
    expect(texts.some((text) => query.text.split(' ').every((word) => text.split(' ').includes(word)))).toBe(true);
  });
});
