import { diffCounts, type DiffPart, wordDiff, words } from './word-diff';

/** What a reader of the diff reconstructs: the original from kept and removed parts, the rewrite from kept and added ones. */
const sides = (parts: DiffPart[]) => ({
  original: parts.filter((p) => p.op !== 'insert').map((p) => p.text).join(''),
  rewrite: parts.filter((p) => p.op !== 'delete').map((p) => p.text).join(''),
});

describe(wordDiff.name, () => {
  it('should report a replaced word as its removal then its addition, between the kept words', () => {
    const sut = wordDiff('Our coffee is cheap and good.', 'Our coffee is fair and good.');

    expect(sut.map((p) => [p.op, p.text.trim()])).toEqual([
      ['equal', 'Our coffee is'],
      ['delete', 'cheap'],
      ['insert', 'fair'],
      ['equal', 'and good.'],
    ]);
  });

  it('should keep the words both texts share, even when the rewrite adds around them', () => {
    const sut = wordDiff('Buy our beans now!!!', 'Morning, you. Buy our Huila beans now!');

    expect(sut.filter((p) => p.op === 'insert').map((p) => p.text.trim())).toEqual(['Morning, you.', 'Huila']);
    expect(sut.filter((p) => p.op === 'delete').map((p) => p.text.trim())).toEqual(['!!']);
  });

  it('should lose no word of either text (kept words carry the rewrite\'s spacing)', () => {
    const original = 'Cold brew season is back. Steeped for eighteen hours, smooth as anything.';
    const rewrite = 'Cold brew is back at Northwind: steeped eighteen hours, and smooth as anything. You will love it.';

    const sut = sides(wordDiff(original, rewrite));

    expect(words(sut.original)).toEqual(words(original));
    expect(sut.rewrite).toBe(rewrite);
  });

  it('should find nothing to change when only the spacing differs, and everything between disjoint texts', () => {
    expect(wordDiff('Same words here.', 'Same  words\nhere.').map((p) => p.op)).toEqual(['equal']);
    expect(diffCounts(wordDiff('alpha beta', 'gamma delta'))).toEqual({ deleted: 2, inserted: 2 });
    expect(wordDiff('', 'new text')).toEqual([{ op: 'insert', text: 'new text' }]);
  });

  it('should diff two long texts exactly', () => {
    const original = Array.from({ length: 2_000 }, (_, i) => `w${i % 97}`).join(' ');
    const rewrite = original.replace(/w13 /g, 'thirteen ');

    const sut = wordDiff(original, rewrite);

    expect(diffCounts(sut)).toEqual({ deleted: 21, inserted: 21 });
    expect(sides(sut).rewrite).toBe(rewrite);
  });
});

describe(diffCounts.name, () => {
  it('should count the words removed and added, punctuation apart and inner apostrophes and hyphens within a word', () => {
    expect(diffCounts(wordDiff('one two three', 'one four five three'))).toEqual({ deleted: 1, inserted: 2 });
    expect(words("It's small-batch, roasted.")).toEqual(["It's", 'small-batch', ',', 'roasted', '.']);
  });
});
