import type { ConnectorCallContext } from '../../connector.types';
import { MockConnector } from '../../mock/mock-connector';
import { InMemoryMockState } from '../contract';
import { instagramConnector } from './index';

const { manifest, mock } = instagramConnector;
const call = (organizationId: string, idempotencyKey = 'run-1:0'): ConnectorCallContext => ({
  organizationId,
  connectionName: 'default',
  secrets: {},
  metadata: {},
  idempotencyKey,
  signal: new AbortController().signal,
});
const read = { limit: 2 };
const write = { imageUrl: 'https://cdn.example.com/a.jpg', caption: 'Spring #linen' };

describe(`${MockConnector.name} (${manifest.key})`, () => {
  let state: InMemoryMockState;
  let sut: MockConnector;

  beforeEach(() => {
    state = new InMemoryMockState();
    sut = new MockConnector(manifest, mock, state);
  });

  it('should answer the same input at the same point of the sequence identically', async () => {
    const twin = new MockConnector(manifest, mock, new InMemoryMockState());

    for (const key of ['k1', 'k2']) expect(await sut.execute('list_recent_media', read, call('org-a', key))).toEqual(await twin.execute('list_recent_media', read, call('org-a', key)));
  });

  it('should move on with the sequence, separately for each organization', async () => {
    const first = await sut.execute('list_recent_media', read, call('org-a', 'k1'));
    const second = await sut.execute('list_recent_media', read, call('org-a', 'k2'));
    const otherOrganization = await sut.execute('list_recent_media', read, call('org-b', 'k1'));

    expect(second).not.toEqual(first);
    expect(otherOrganization).toEqual(first);
  });

  it("should keep writes in the organization's outbox and not repeat a write for a repeated idempotency key", async () => {
    const first = await sut.execute('publish_image', write, call('org-a', 'k1'));
    const repeated = await sut.execute('publish_image', write, call('org-a', 'k1'));

    expect(repeated).toEqual(first);
    expect(await state.outbox('org-a')).toEqual([expect.objectContaining({ connector: manifest.key, action: 'publish_image', input: write, output: first, idempotencyKey: 'k1' })]);
    expect(await state.outbox('org-b')).toEqual([]);
  });

  it('should fail on demand like the real provider would', async () => {
    await state.setFailures('org-a', [{ connector: manifest.key, action: 'publish_image', failure: 'RATE_LIMITED', remaining: 1 }]);

    await expect(sut.execute('publish_image', write, call('org-a', 'k1'))).rejects.toMatchObject({ category: 'RATE_LIMITED', details: { retryAfterMs: 1_000 } });
    await expect(sut.execute('publish_image', write, call('org-a', 'k1'))).resolves.toBeDefined();
  });

  it('should count total interactions as likes, comments, saves and shares', async () => {
    const insights = (await sut.execute('get_media_insights', { mediaId: '17895695668004550' }, call('org-a'))) as Record<string, number>;

    expect(insights.totalInteractions).toBe(insights.likes + insights.comments + insights.saved + insights.shares);
    expect(insights.views).toBeGreaterThanOrEqual(insights.reach);
  });

  it('should answer with Instagram-shaped ids and timestamps', async () => {
    const { media } = (await sut.execute('list_recent_media', {}, call('org-a'))) as { media: Record<string, string>[] };

    expect(media[0]).toEqual(expect.objectContaining({ id: expect.stringMatching(/^\d{17}$/), permalink: expect.stringMatching(/^https:\/\/www\.instagram\.com\/p\/[\w-]{11}\/$/), timestamp: expect.stringMatching(/\+0000$/) }));
  });
});
