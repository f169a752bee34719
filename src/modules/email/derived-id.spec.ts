import { isUUID } from 'class-validator';
import { derivedUuid } from './derived-id';

describe(derivedUuid.name, () => {
  it('should give the same UUID for the same seed and another for another seed', () => {
    const sut = derivedUuid('7f0c2d9e-0b7a-4c51-9d3e-2b8f6a1c4e10', 'email-sequence');

    expect(derivedUuid('7f0c2d9e-0b7a-4c51-9d3e-2b8f6a1c4e10', 'email-sequence')).toBe(sut);
    expect(derivedUuid('7f0c2d9e-0b7a-4c51-9d3e-2b8f6a1c4e10', 'ab-test')).not.toBe(sut);
  });

  it('should be a valid version 8 UUID of the RFC 9562 variant', () => {
    for (const seed of ['a', 'b', 'c', 'd', 'e', 'f']) {
      const sut = derivedUuid(seed);

      expect(isUUID(sut)).toBe(true);
      expect(sut[14]).toBe('8');
      expect(['8', '9', 'a', 'b']).toContain(sut[19]);
    }
  });
});
