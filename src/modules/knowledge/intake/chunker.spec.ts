import { countTokens } from 'gpt-tokenizer';
import { chunkText, type Chunk } from './chunker';

const PLAIN = { disallowedSpecial: new Set<string>() };
const WORDS = ['river', 'pump', 'battery', 'field', 'dawn', 'water', 'solar', 'farm', 'valve', 'soil', 'season', 'harvest'];

/** Deterministic prose: paragraph p, sentence s has words picked by their indexes. */
function sentence(p: number, s: number, length = 14): string {
  const words = Array.from({ length }, (_, w) => WORDS[(p * 7 + s * 3 + w) % WORDS.length]);
  return `${words.join(' ')} ${p}-${s}.`.replace(/^./, (first) => first.toUpperCase());
}

function paragraph(p: number, sentences: number): string {
  return [...Array.from({ length: sentences }, (_, s) => sentence(p, s)), `End of part ${p}.`].join(' ');
}

/** The longest end of `before` that `after` starts with. */
function sharedText(before: string, after: string): string {
  for (let length = Math.min(before.length, after.length); length > 0; length--) {
    if (before.endsWith(after.slice(0, length))) return after.slice(0, length);
  }
  return '';
}

function expectWellFormed(chunks: Chunk[], maxTokens: number): void {
  chunks.forEach((chunk, index) => {
    expect(chunk.position).toBe(index);
    expect(chunk.tokenCount).toBe(countTokens(chunk.text, PLAIN));
    expect(chunk.tokenCount).toBeLessThanOrEqual(maxTokens);
    expect(chunk.text).toBe(chunk.text.trim());
  });
}

describe(chunkText.name, () => {
  it('should return no chunk for empty or blank text', () => {
    expect(chunkText('')).toEqual([]);
    expect(chunkText(' \n\n \t')).toEqual([]);
  });

  it('should keep a short text whole', () => {
    expect(chunkText('  A short note.  ')).toEqual([{ text: 'A short note.', tokenCount: countTokens('A short note.'), position: 0 }]);
  });

  it('should end chunks at paragraph ends when the window holds one', () => {
    const text = Array.from({ length: 12 }, (_, p) => paragraph(p, 4)).join('\n\n');

    const sut = chunkText(text, { maxTokens: 250, overlapTokens: 0 });

    expectWellFormed(sut, 250);
    expect(sut.length).toBeGreaterThan(3);
    for (const chunk of sut) expect(chunk.text).toMatch(/End of part \d+\.$/);
  });

  it('should end chunks at sentence ends inside one long paragraph', () => {
    const text = Array.from({ length: 60 }, (_, s) => sentence(0, s)).join(' ');

    const sut = chunkText(text, { maxTokens: 120, overlapTokens: 0 });

    expectWellFormed(sut, 120);
    for (const chunk of sut) expect(chunk.text).toMatch(/ 0-\d+\.$/);
    expect(sut.map((chunk) => chunk.text).join(' ')).toBe(text);
  });

  it('should start each chunk with up to overlapTokens of the previous one', () => {
    const text = Array.from({ length: 10 }, (_, p) => paragraph(p, 5)).join('\n\n');

    const sut = chunkText(text, { maxTokens: 200, overlapTokens: 40 });

    expectWellFormed(sut, 200);
    for (let index = 1; index < sut.length; index++) {
      const shared = sharedText(sut[index - 1].text, sut[index].text).trim();
      expect(shared.length).toBeGreaterThan(0);
      expect(countTokens(shared, PLAIN)).toBeLessThanOrEqual(40);
      // The overlap starts on a word: the character before it in the previous chunk is a space.
      const before = sut[index - 1].text.slice(0, sut[index - 1].text.length - shared.length);
      expect(before === '' || /\s$/.test(before)).toBe(true);
    }
  });

  it('should lose no word and repeat none without overlap', () => {
    const text = Array.from({ length: 25 }, (_, p) => paragraph(p, 3 + (p % 4))).join('\n\n');

    const sut = chunkText(text, { maxTokens: 90, overlapTokens: 0 });

    expect(sut.map((chunk) => chunk.text).join(' ').split(/\s+/)).toEqual(text.split(/\s+/));
  });

  it('should not end a chunk right after a heading', () => {
    const sections = Array.from({ length: 8 }, (_, p) => `## Section ${p}\n\n${paragraph(p, 3)}`).join('\n\n');

    const sut = chunkText(sections, { maxTokens: 150, overlapTokens: 0 });

    for (const chunk of sut) expect(chunk.text).not.toMatch(/## Section \d+$/);
  });

  it('should split unpunctuated text between whole words', () => {
    const text = Array.from({ length: 3000 }, (_, w) => WORDS[w % WORDS.length]).join(' ');

    const sut = chunkText(text, { maxTokens: 100, overlapTokens: 10 });

    expectWellFormed(sut, 100);
    for (const chunk of sut) expect(chunk.text.split(' ').every((word) => WORDS.includes(word))).toBe(true);
  });

  it('should cut a run without spaces into slices within the limit, losing nothing', () => {
    const run = Array.from({ length: 4000 }, (_, index) => 'QmFzZTY0'[index % 8]).join('') + '\u{1F600}'.repeat(300);

    const sut = chunkText(run, { maxTokens: 64, overlapTokens: 0 });

    expectWellFormed(sut, 64);
    expect(sut.map((chunk) => chunk.text).join('')).toBe(run);
  });

  it('should read special-token strings as text', () => {
    const sut = chunkText('A tokenizer manual mentions <|endoftext|> as a marker.');

    expect(sut).toHaveLength(1);
    expect(sut[0].text).toContain('<|endoftext|>');
  });

  it('should give the same chunks for the same text', () => {
    const text = Array.from({ length: 30 }, (_, p) => paragraph(p, 4)).join('\n\n');

    expect(chunkText(text, { maxTokens: 160, overlapTokens: 30 })).toEqual(chunkText(text, { maxTokens: 160, overlapTokens: 30 }));
  });

  it('should chunk a megabyte of text with the default limits', () => {
    const paragraphs: string[] = [];
    for (let p = 0, length = 0; length < 1_000_000; p++) {
      paragraphs.push(paragraph(p, 2 + (p % 5)));
      length += paragraphs[p].length + 2;
    }
    const text = paragraphs.join('\n\n');

    const sut = chunkText(text);

    expectWellFormed(sut, 400);
    expect(sut.length).toBeGreaterThan(500);
    expect(sut[sut.length - 1].text.endsWith(paragraphs[paragraphs.length - 1])).toBe(true);
  });

  it.each([
    [{ maxTokens: 4 }],
    [{ maxTokens: 100.5 }],
    [{ maxTokens: 100, overlapTokens: 100 }],
    [{ overlapTokens: -1 }],
  ])('should refuse the options %p', (options) => {
    expect(() => chunkText('Some text.', options)).toThrow(RangeError);
  });
});
