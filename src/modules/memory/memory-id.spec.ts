import { memoryIdFor } from './memory-id';

describe(memoryIdFor.name, () => {
  it('should derive the same UUID from the same idempotency key, and another from another key', () => {
    const sut = memoryIdFor('run-1:3');

    expect(sut).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(memoryIdFor('run-1:3')).toBe(sut);
    expect(memoryIdFor('run-1:4')).not.toBe(sut);
  });
});
