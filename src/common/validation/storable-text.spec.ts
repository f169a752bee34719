import { findUnstorableJson, isStorableString, MAX_JSON_DEPTH } from './storable-text';

function nestedArrays(levels: number): unknown {
  return JSON.parse(`${'['.repeat(levels)}${']'.repeat(levels)}`);
}

describe(isStorableString.name, () => {
  it.each([['plain', 'hello'], ['emoji (a surrogate pair)', 'hi \ud83d\ude00'], ['empty', ''], ['accents', 'café']])('should accept %s text', (_name, value) => {
    expect(isStorableString(value)).toBe(true);
  });

  it.each([
    ['NUL', 'a\u0000b'],
    ['a lone high surrogate', 'a\ud800b'],
    ['a high surrogate at the end', 'a\ud83d'],
    ['a lone low surrogate', '\udc00a'],
    ['swapped halves', '\ude00\ud83d'],
  ])('should reject %s', (_name, value) => {
    expect(isStorableString(value)).toBe(false);
  });
});

describe(findUnstorableJson.name, () => {
  it('should accept an ordinary body', () => {
    expect(findUnstorableJson({ agent: 'echo', input: { items: ['a', 1, null, true, { deep: 'ok \ud83d\ude00' }] } }, 'body')).toBeUndefined();
  });

  it('should name the field holding a NUL', () => {
    expect(findUnstorableJson({ input: { items: ['ok', 'bad\u0000'] } }, 'body')).toEqual({ field: 'body.input.items[1]', problem: expect.stringContaining('NUL') });
  });

  it('should name the object whose key holds an unpaired surrogate', () => {
    expect(findUnstorableJson({ input: { 'k\ud800': 1 } }, 'body')).toEqual({ field: 'body.input', problem: expect.stringMatching(/^keys .*surrogates/) });
  });

  it(`should accept nesting up to ${MAX_JSON_DEPTH} levels and refuse one more`, () => {
    expect(findUnstorableJson(nestedArrays(MAX_JSON_DEPTH), 'body')).toBeUndefined();
    expect(findUnstorableJson(nestedArrays(MAX_JSON_DEPTH + 1), 'body')).toEqual({ field: 'body', problem: `must not be nested more than ${MAX_JSON_DEPTH} levels deep` });
  });

  it('should walk a body nested far beyond any call stack without overflowing', () => {
    expect(findUnstorableJson(nestedArrays(200_000), 'body', 1_000_000)).toBeUndefined();
  });
});
