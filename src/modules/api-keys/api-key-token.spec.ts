import { createHash } from 'node:crypto';
import { describeApiKey, hashApiKey, issueApiKey, looksLikeApiKey } from './api-key-token';

const sha256Hex = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

describe(issueApiKey.name, () => {
  it('should issue nh_ followed by 43 URL-safe characters (32 random bytes)', () => {
    const sut = issueApiKey();

    expect(sut.plaintext).toMatch(/^nh_[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(sut.plaintext.slice(3), 'base64url')).toHaveLength(32);
  });

  it('should issue a different key every time', () => {
    const keys = Array.from({ length: 200 }, () => issueApiKey().plaintext);

    expect(new Set(keys).size).toBe(keys.length);
  });

  it('should store the sha256 hex of the plaintext as the hash', () => {
    const sut = issueApiKey();

    expect(sut.hash).toBe(sha256Hex(sut.plaintext));
    expect(sut.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('should show the first 11 characters as the prefix', () => {
    const sut = issueApiKey();

    expect(sut.prefix).toBe(sut.plaintext.slice(0, 11));
    expect(sut.prefix).toMatch(/^nh_.{8}$/);
  });

  it('should issue keys that look like API keys', () => {
    expect(looksLikeApiKey(issueApiKey().plaintext)).toBe(true);
  });
});

describe(describeApiKey.name, () => {
  it('should describe a given plaintext with its prefix and hash', () => {
    const plaintext = `nh_${'A'.repeat(43)}`;

    expect(describeApiKey(plaintext)).toEqual({ plaintext, prefix: 'nh_AAAAAAAA', hash: sha256Hex(plaintext) });
  });
});

describe(hashApiKey.name, () => {
  it('should hash the known vector like sha256', () => {
    expect(hashApiKey('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});

describe(looksLikeApiKey.name, () => {
  it.each([
    ['the shortest accepted key', `nh_${'a'.repeat(32)}`],
    ['the longest accepted key', `nh_${'a'.repeat(128)}`],
    ['URL-safe punctuation', `nh_${'-_'.repeat(20)}`],
  ])('should accept %s', (_, value) => {
    expect(looksLikeApiKey(value)).toBe(true);
  });

  it.each([
    ['an empty string', ''],
    ['the prefix alone', 'nh_'],
    ['a key one character short', `nh_${'a'.repeat(31)}`],
    ['a key one character too long', `nh_${'a'.repeat(129)}`],
    ['another prefix', `sk_${'a'.repeat(43)}`],
    ['an upper-case prefix', `NH_${'a'.repeat(43)}`],
    ['a Bearer header value', `Bearer nh_${'a'.repeat(43)}`],
    ['leading whitespace', ` nh_${'a'.repeat(43)}`],
    ['trailing whitespace', `nh_${'a'.repeat(43)} `],
    ['a trailing newline', `nh_${'a'.repeat(43)}\n`],
    ['inner whitespace', `nh_${'a'.repeat(20)} ${'a'.repeat(22)}`],
    ['standard base64 characters', `nh_${'a'.repeat(41)}+/`],
    ['base64 padding', `nh_${'a'.repeat(42)}=`],
    ['non-ASCII letters', `nh_${'é'.repeat(43)}`],
    ['garbage', '!!not a key!!'],
  ])('should reject %s', (_, value) => {
    expect(looksLikeApiKey(value)).toBe(false);
  });
});
