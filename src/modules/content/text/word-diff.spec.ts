import { diffCounts, type DiffPart, tokenize, wordDiff } from './word-diff';

/** What a reader of the diff reconstructs: the original from kept and removed parts, the rewrite from kept and added ones. */
const sides = (parts: DiffPart[]) => ({
  original: parts.filter((p) => p.op !== 'insert').map((p) => p.text).join(''),
  rewrite: parts.filter((p) => p.op !== 'delete').map((p) => p.text).join(''),
});
const words = (text: string) => tokenize(text).map((t) => t.word).join(' ');

describe(wordDiff.name, () => {
  it('should report a replaced word as its removal then its addition, between the kept words', () => {
    const sut = wordDiff('Our coffee is cheap and good.', 'Our coffee is fair and good.');

    expect(sut).toEqual([
      { op: 'equal', text: 'Our coffee is' },
      { op: 'delete', text: ' cheap' },
      { op: 'insert', text: ' fair' },
      { op: 'equal', text: ' and good.' },
    ]);
  });

  it('should keep the words both texts share, even when the rewrite moves around them', () => {
    const sut = wordDiff('Buy our beans now!!!', 'Morning, you. Buy our Huila beans now!');

    expect(sut.filter((p) => p.op === 'equal').map((p) => p.text.trim())).toEqual(['Buy our', 'beans now', '!']);
    expect(sut.filter((p) => p.op === 'insert').map((p) => p.text.trim())).toEqual(['Morning, you.', 'Huila']);
    expect(sut.filter((p) => p.op === 'delete').map((p) => p.text.trim())).toEqual(['!!']);
  });

  it('should lose no word of either text', () => {
    const original = 'Cold brew season is back. Steeped for eighteen hours, smooth as anything.';
    const rewrite = 'Cold brew is back at Northwind: steeped eighteen hours, and smooth as anything. You will love it.';

    const sut = sides(wordDiff(original, rewrite));

    expect(words(sut.original)).toBe(words(original));
    expect(words(sut.rewrite)).toBe(words(rewrite));
  });

  it('should find nothing to change between equal texts, and everything between disjoint ones', () => {
    expect(wordDiff('Same words here.', 'Same  words\nhere.')).toEqual([{ op: 'equal', text: 'Same  words\nhere.' }]);
    expect(wordDiff('alpha beta', 'gamma delta')).toEqual([
      { op: 'delete', text: 'alpha beta' },
      { op: 'insert', text: 'gamma delta' },
    ]);
    expect(wordDiff('', 'new text')).toEqual([{ op: 'insert', text: 'new text' }]);
  });

  it('should treat words with inner apostrophes and hyphens as one word, and punctuation apart', () => {
    expect(tokenize("It's small-batch, roasted.").map((t) => t.word)).toEqual(["It's", 'small-batch', ',', 'roasted', '.']);
  });

  it('should report a middle too large to compare as one removal and one addition, keeping the shared ends', () => {
    const sut = wordDiff('start a b c end', 'start x y z end', 8);

    expect(sut).toEqual([
      { op: 'equal', text: 'start' },
      { op: 'delete', text: ' a b c' },
      { op: 'insert', text: ' x y z' },
      { op: 'equal', text: ' end' },
    ]);
  });

  it('should diff two long texts exactly', () => {
    const original = Array.from({ length: 2_000 }, (_, i) => `w${i % 97}`).join(' ');
    const rewrite = original.replace(/w13 /g, 'thirteen ');

    const sut = wordDiff(original, rewrite);

    expect(diffCounts(sut)).toEqual({ deleted: 21, inserted: 21 });
    expect(words(sides(sut).rewrite)).toBe(words(rewrite));
  });
});

describe(diffCounts.name, () => {
  it('should count the words removed and added', () => {
    expect(diffCounts(wordDiff('one two three', 'one four five three'))).toEqual({ deleted: 1, inserted: 2 });
  });
});
