import { parseTweet } from 'twitter-text';
import { fitText } from './fit-text';
import { checkPost, fitPost } from './network-rules';

const words = (count: number) => Array.from({ length: count }, (_, i) => `word${i}`).join(' ');
const weighted = (text: string) => parseTweet(text).weightedLength;

describe(fitPost.name, () => {
  it('should leave a text that fits unchanged', () => {
    expect(fitPost('x', 'Short and sweet')).toBe('Short and sweet');
    expect(fitPost('linkedin', 'a'.repeat(3_000))).toBe('a'.repeat(3_000));
  });

  it('should cut a long LinkedIn post at a word boundary with an ellipsis, within 3,000 characters', () => {
    const text = words(600);

    const sut = fitPost('linkedin', text);

    expect(sut.length).toBeLessThanOrEqual(3_000);
    expect(sut.endsWith('…')).toBe(true);
    const kept = sut.slice(0, -1);
    expect(text.startsWith(kept)).toBe(true);
    expect(text[kept.length]).toBe(' ');
    expect(checkPost('linkedin', { text: sut })).toEqual([]);
  });

  it('should keep the most words that fit (one more word would not)', () => {
    const text = words(600);

    const sut = fitPost('linkedin', text);

    const nextSpace = text.indexOf(' ', sut.length);
    expect(`${text.slice(0, nextSpace)}…`.length).toBeGreaterThan(3_000);
  });

  it('should fit X by weight: CJK counts 2', () => {
    const text = Array.from({ length: 60 }, () => '春の新作').join(' '); // 60 × 8 + 59 = 539 weighted

    const sut = fitPost('x', text);

    expect(weighted(sut)).toBeLessThanOrEqual(280);
    expect(weighted(sut)).toBeGreaterThan(270);
    expect(sut).toMatch(/^(春の新作 )+春の新作…$/u);
  });

  it('should fit X by weight: an emoji counts 2', () => {
    const text = Array.from({ length: 100 }, () => 'go 🚀').join(' ');

    const sut = fitPost('x', text);

    expect(weighted(sut)).toBeLessThanOrEqual(280);
    expect(sut).toMatch(/^(go 🚀 )+go( 🚀)?…$/u);
  });

  it('should keep a long URL whole on X, where it costs 23, with a space before the ellipsis', () => {
    const url = `https://shop.example.com/spring/${'p'.repeat(150)}`;
    const lead = 'a'.repeat(252);
    const text = `${lead} ${url} and then a tail that cannot fit`;

    const sut = fitPost('x', text);

    expect(sut).toBe(`${lead} ${url} …`); // 252 + 1 + 23 + 1 + 2 = 279; adding " and" would make 282
    expect(checkPost('x', { text: sut })).toEqual([]);
  });

  it('should drop a URL that does not fit rather than cut it', () => {
    const text = `${'a'.repeat(260)} https://shop.example.com/spring more`;

    expect(fitPost('x', text)).toBe(`${'a'.repeat(260)}…`);
  });

  it('should drop a comma or colon before the ellipsis', () => {
    const text = `${'a'.repeat(270)} today: ${'b'.repeat(20)}`;

    expect(fitPost('x', text)).toBe(`${'a'.repeat(270)} today…`);
  });

  it('should cut a single overlong word at a character boundary, never inside an emoji', () => {
    expect(fitPost('x', 'a'.repeat(400))).toBe(`${'a'.repeat(278)}…`);
    expect(fitPost('linkedin', '🎉'.repeat(2_000))).toBe(`${'🎉'.repeat(1_499)}…`);
  });

  it('should cut before a URL glued to an overlong first word rather than inside it', () => {
    const text = `Link:https://example.com/${'p'.repeat(3_100)}`;

    expect(fitPost('linkedin', text)).toBe('Link…');
  });

  it('should cut inside a URL only when the URL alone is longer than the limit', () => {
    const sut = fitPost('linkedin', `https://example.com/${'p'.repeat(3_100)}`);

    expect(sut.length).toBeLessThanOrEqual(3_000);
    expect(sut.startsWith('https://example.com/ppp')).toBe(true);
  });

  it('should fit a YouTube description by UTF-8 bytes', () => {
    const sut = fitPost('youtube', Array.from({ length: 1_000 }, () => 'café').join(' '));

    expect(Buffer.byteLength(sut, 'utf8')).toBeLessThanOrEqual(5_000);
    expect(sut).toMatch(/^(café )+café…$/u);
  });

  it('should fit an Instagram caption to 2,200 characters', () => {
    const sut = fitPost('instagram', words(500));

    expect(sut.length).toBeLessThanOrEqual(2_200);
    expect(sut.endsWith('…')).toBe(true);
  });
});

describe(fitText.name, () => {
  const characters = (text: string) => text.length;

  it('should measure with the function it is given', () => {
    expect(fitText('abc def ghi', 8, characters)).toBe('abc def…');
    expect(fitText('abc def ghi', 8, (text) => text.length * 2)).toBe('abc…');
  });

  it('should return an empty string when not even one character fits beside the ellipsis', () => {
    expect(fitText('abc', 1, characters)).toBe('');
  });
});
