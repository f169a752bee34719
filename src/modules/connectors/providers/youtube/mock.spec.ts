import type { ConnectorCallContext } from '../../connector.types';
import { MockConnector } from '../../mock/mock-connector';
import { InMemoryMockState } from '../contract';
import { youtubeConnector } from './index';

const { manifest, mock } = youtubeConnector;
const call = (organizationId: string, idempotencyKey = 'run-1:0'): ConnectorCallContext => ({
  organizationId,
  connectionName: 'default',
  secrets: {},
  metadata: {},
  idempotencyKey,
  signal: new AbortController().signal,
});
const read = { maxResults: 2 };
const write = { videoId: 'dQw4w9WgXcQ', title: 'How we make our linen shirts' };

describe(`${MockConnector.name} (${manifest.key})`, () => {
  let state: InMemoryMockState;
  let sut: MockConnector;

  beforeEach(() => {
    state = new InMemoryMockState();
    sut = new MockConnector(manifest, mock, state);
  });

  it('should answer the same input at the same point of the sequence identically', async () => {
    const twin = new MockConnector(manifest, mock, new InMemoryMockState());

    for (const key of ['k1', 'k2']) expect(await sut.execute('list_recent_videos', read, call('org-a', key))).toEqual(await twin.execute('list_recent_videos', read, call('org-a', key)));
  });

  it('should move on with the sequence, separately for each organization', async () => {
    const first = await sut.execute('list_recent_videos', read, call('org-a', 'k1'));
    const second = await sut.execute('list_recent_videos', read, call('org-a', 'k2'));
    const otherOrganization = await sut.execute('list_recent_videos', read, call('org-b', 'k1'));

    expect(second).not.toEqual(first);
    expect(otherOrganization).toEqual(first);
  });

  it("should keep writes in the organization's outbox and not repeat a write for a repeated idempotency key", async () => {
    const first = await sut.execute('update_video_metadata', write, call('org-a', 'k1'));
    const repeated = await sut.execute('update_video_metadata', write, call('org-a', 'k1'));

    expect(repeated).toEqual(first);
    expect(await state.outbox('org-a')).toEqual([expect.objectContaining({ connector: manifest.key, action: 'update_video_metadata', input: write, output: first, idempotencyKey: 'k1' })]);
    expect(await state.outbox('org-b')).toEqual([]);
  });

  it('should fail on demand like the real provider would', async () => {
    await state.setFailures('org-a', [{ connector: manifest.key, action: 'update_video_metadata', failure: 'RATE_LIMITED', remaining: 1 }]);

    await expect(sut.execute('update_video_metadata', write, call('org-a', 'k1'))).rejects.toMatchObject({ category: 'RATE_LIMITED', details: { retryAfterMs: 1_000 } });
    await expect(sut.execute('update_video_metadata', write, call('org-a', 'k1'))).resolves.toBeDefined();
  });

  it('should answer an update with the whole snippet, as videos.update replaces it', async () => {
    await expect(sut.execute('update_video_metadata', { videoId: 'dQw4w9WgXcQ', title: 'New title', tags: ['linen'] }, call('org-a'))).resolves.toEqual({
      id: 'dQw4w9WgXcQ',
      title: 'New title',
      description: '',
      tags: ['linen'],
      categoryId: '22',
      privacyStatus: 'public',
    });
  });

  it('should keep likes and comments a small share of views', async () => {
    const metrics = (await sut.execute('get_video_metrics', { videoId: 'dQw4w9WgXcQ' }, call('org-a'))) as Record<string, number>;

    expect(metrics.likes).toBeLessThan(metrics.views / 10);
    expect(metrics.comments).toBeLessThan(metrics.likes);
  });
});
