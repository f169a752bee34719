import { contentHash } from './content-hash';

describe(contentHash.name, () => {
  it('should be the sha256 of the UTF-8 text in hex', () => {
    expect(contentHash('hello')).toBe('2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824');
    expect(contentHash('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('should be equal for equal text and differ for any change', () => {
    const text = 'Solar storage on small farms.\n\nWater at dawn.';

    expect(contentHash(text)).toBe(contentHash(`${text}`));
    expect(contentHash(text)).not.toBe(contentHash(`${text} `));
    expect(contentHash('café')).not.toBe(contentHash('cafe'));
  });
});
