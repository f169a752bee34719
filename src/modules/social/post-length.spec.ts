import { MEASURES } from './post-length';

describe('MEASURES', () => {
  it.each([
    ['plain ASCII', 'hello', 5, 5, 5],
    ['an accented letter', 'café', 4, 4, 5],
    ['CJK', '春', 2, 1, 3],
    ['an emoji', '🎉', 2, 2, 4],
    ['a URL', 'https://example.com/a/very/long/path', 23, 36, 36],
  ])('should count %s as %p weighted, %p UTF-16 units and %p bytes', (_, text, weighted, utf16, bytes) => {
    expect(MEASURES.weighted(text)).toBe(weighted);
    expect(MEASURES.utf16(text)).toBe(utf16);
    expect(MEASURES.utf8Bytes(text)).toBe(bytes);
  });
});
