import type { ConnectorDefinition } from '../../../src/modules/connectors/connector-definition';
import type { ConnectorCallContext } from '../../../src/modules/connectors/connector.types';
import { MockConnector } from '../../../src/modules/connectors/mock/mock-connector';
import { InMemoryMockState } from './contract';

/** The fixed clock of these tests: 2031-05-01T12:00:00Z. */
const NOW = Date.UTC(2031, 4, 1, 12);

export function mockCall(organizationId: string, idempotencyKey = 'run-1:0'): ConnectorCallContext {
  return { organizationId, connectionName: 'default', secrets: {}, metadata: {}, idempotencyKey, signal: new AbortController().signal };
}

/**
 * What every mock must do, whatever its vendor: answer deterministically, advance its sequence
 * per organization, keep writes in the organization's outbox without repeating a write for a
 * repeated idempotency key, and fail on demand. Registers its tests in the caller's describe.
 */
export function itBehavesLikeAMock(
  definition: ConnectorDefinition,
  read: { action: string; input: object },
  write: { action: string; input: object },
): void {
  const { manifest, mock } = definition;
  let state: InMemoryMockState;
  let sut: MockConnector;

  // Timestamps follow the clock: fixed here, so answers compare exactly.
  const clock = () => NOW;

  beforeEach(() => {
    state = new InMemoryMockState();
    sut = new MockConnector(manifest, mock, state, clock);
  });

  it('should answer the same input at the same point of the sequence and the clock identically', async () => {
    const twin = new MockConnector(manifest, mock, new InMemoryMockState(), clock);
    for (const key of ['k1', 'k2']) expect(await sut.execute(read.action, read.input, mockCall('org-a', key))).toEqual(await twin.execute(read.action, read.input, mockCall('org-a', key)));
  });

  it('should move on with the sequence, separately for each organization', async () => {
    const first = await sut.execute(read.action, read.input, mockCall('org-a', 'k1'));
    const second = await sut.execute(read.action, read.input, mockCall('org-a', 'k2'));
    const otherOrganization = await sut.execute(read.action, read.input, mockCall('org-b', 'k1'));
    expect(second).not.toEqual(first);
    expect(otherOrganization).toEqual(first);
  });

  it("should keep writes in the organization's outbox and not repeat a write for a repeated idempotency key", async () => {
    const first = await sut.execute(write.action, write.input, mockCall('org-a', 'k1'));
    const repeated = await sut.execute(write.action, write.input, mockCall('org-a', 'k1'));
    expect(repeated).toEqual(first);
    expect(await state.outbox('org-a')).toEqual([expect.objectContaining({ connector: manifest.key, action: write.action, input: write.input, output: first, idempotencyKey: 'k1' })]);
    expect(await state.outbox('org-b')).toEqual([]);
  });

  it('should date what it answers by the clock, never by a fixed date', async () => {
    const later = NOW + 400 * 86_400_000;
    for (const { action, input } of [read, write]) {
      const answer = JSON.stringify(await new MockConnector(manifest, mock, new InMemoryMockState(), () => later).execute(action, input, mockCall('org-a')));
      const own = (answer.match(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/g) ?? []).filter((stamp) => !JSON.stringify(input).includes(stamp));
      expect({ action, years: [...new Set(own.map((stamp) => stamp.slice(0, 4)))] }).toEqual({ action, years: own.length > 0 ? [new Date(later).toISOString().slice(0, 4)] : [] });
    }
  });

  it('should fail on demand like the real provider would', async () => {
    await state.setFailures('org-a', [{ connector: manifest.key, action: write.action, failure: 'RATE_LIMITED', remaining: 1 }]);
    await expect(sut.execute(write.action, write.input, mockCall('org-a', 'k1'))).rejects.toMatchObject({ category: 'RATE_LIMITED', details: { retryAfterMs: 1_000 } });
    await expect(sut.execute(write.action, write.input, mockCall('org-a', 'k1'))).resolves.toBeDefined();
  });
}
