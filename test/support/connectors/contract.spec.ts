import { InMemoryMockState, shapeMismatches } from './contract';

describe(shapeMismatches.name, () => {
  const example = { id: 'm1', count: 2, tags: ['a'], items: [{ ok: true, note: null }] };

  it('should find nothing when keys and value types match, whatever the values', () => {
    expect(shapeMismatches({ id: 'x', count: 0, tags: ['b', 'c'], items: [{ ok: false, note: null }] }, example)).toEqual([]);
  });

  it('should name missing keys, extra keys and type changes with their path', () => {
    expect(shapeMismatches({ id: 1, tags: ['b'], items: [{ ok: 'yes', note: null, extra: 1 }] }, example)).toEqual([
      'output.count: missing',
      'output.id: number where the example has string',
      'output.items[0].extra: not in the example',
      'output.items[0].ok: string where the example has boolean',
    ]);
  });

  it('should count an empty array as unproven when the example has items', () => {
    expect(shapeMismatches({ ...example, tags: [] }, example)).toEqual(['output.tags: empty, so its items cannot be compared with the example\'s']);
  });

  it('should tell null apart from an object', () => {
    expect(shapeMismatches({ ...example, items: [{ ok: true, note: {} }] }, example)).toEqual(['output.items[0].note: object where the example has null']);
  });
});

describe(InMemoryMockState.name, () => {
  let sut: InMemoryMockState;

  beforeEach(() => {
    sut = new InMemoryMockState();
  });

  it('should count sequences per organization and connector', async () => {
    expect([await sut.nextSequence('o1', 'slack'), await sut.nextSequence('o1', 'slack'), await sut.nextSequence('o2', 'slack'), await sut.nextSequence('o1', 'discord')]).toEqual([1, 2, 1, 1]);
  });

  it('should use up failure rules and recall remembered answers per organization', async () => {
    await sut.setFailures('o1', [{ connector: 'slack', action: 'send_message', failure: 'RATE_LIMITED', remaining: 1 }]);
    await sut.remember('o1', 'k1', { ts: '1.2' });

    expect([await sut.takeFailure('o1', 'slack', 'send_message'), await sut.takeFailure('o1', 'slack', 'send_message')]).toEqual(['RATE_LIMITED', undefined]);
    expect([await sut.recall('o1', 'k1'), await sut.recall('o2', 'k1')]).toEqual([{ output: { ts: '1.2' } }, undefined]);
  });

  it('should refuse to touch Redis, so a method it does not implement fails loudly', () => {
    const redis = (sut as unknown as { redis: { isAvailable: boolean } }).redis;

    expect(() => redis.isAvailable).toThrow('RedisService.isAvailable is not stubbed');
  });
});
