import { citationsIn } from './ask.agent';

const passage = (n: number, text = `passage ${n}`) => ({ chunkId: `c${n}`, documentId: `d${n}`, datasetId: 'ds', documentTitle: `Doc ${n}`, sourceUrl: null, position: 0, text, score: 1 / n });

describe(citationsIn.name, () => {
  it('should cite the passages the answer marks, once each and in marker order', () => {
    const sut = citationsIn('We ship in 3 days [2]. Returns are free [1][2].', [passage(1), passage(2), passage(3)]);

    expect(sut.map((c) => [c.marker, c.documentId])).toEqual([
      [1, 'd1'],
      [2, 'd2'],
    ]);
  });

  it('should ignore markers that point at no passage, and cite nothing when the answer cites nothing', () => {
    expect(citationsIn('See [7] and [0].', [passage(1)])).toEqual([]);
    expect(citationsIn('No markers at all.', [passage(1)])).toEqual([]);
  });

  it('should shorten long passages to an excerpt', () => {
    const [sut] = citationsIn('[1]', [passage(1, 'x'.repeat(1_000))]);
    expect(sut.excerpt).toHaveLength(241);
  });
});
