import { isUUID } from 'class-validator';
import { derivedUuid } from './derived-uuid';

describe(derivedUuid.name, () => {
  it('should give the same valid UUID for the same name and another for another name', () => {
    const sut = derivedUuid('run-1:budget:21987654321');

    expect(isUUID(sut)).toBe(true);
    expect(sut).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(derivedUuid('run-1:budget:21987654321')).toBe(sut);
    expect(derivedUuid('run-1:budget:21987654388')).not.toBe(sut);
  });
});
