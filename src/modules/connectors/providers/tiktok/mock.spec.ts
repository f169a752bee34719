import type { ConnectorCallContext } from '../../connector.types';
import { MockConnector } from '../../mock/mock-connector';
import { InMemoryMockState } from '../contract';
import { tiktokConnector } from './index';

const { manifest, mock } = tiktokConnector;
const call = (organizationId: string, idempotencyKey = 'run-1:0'): ConnectorCallContext => ({
  organizationId,
  connectionName: 'default',
  secrets: {},
  metadata: {},
  idempotencyKey,
  signal: new AbortController().signal,
});
const read = { maxCount: 2 };
const write = { videoUrl: 'https://media.example.com/a.mp4', title: 'Spring #linen', privacyLevel: 'SELF_ONLY' };

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
    const first = await sut.execute('publish_video', write, call('org-a', 'k1'));
    const repeated = await sut.execute('publish_video', write, call('org-a', 'k1'));

    expect(repeated).toEqual(first);
    expect(await state.outbox('org-a')).toEqual([expect.objectContaining({ connector: manifest.key, action: 'publish_video', input: write, output: first, idempotencyKey: 'k1' })]);
    expect(await state.outbox('org-b')).toEqual([]);
  });

  it('should fail on demand like the real provider would', async () => {
    await state.setFailures('org-a', [{ connector: manifest.key, action: 'publish_video', failure: 'RATE_LIMITED', remaining: 1 }]);

    await expect(sut.execute('publish_video', write, call('org-a', 'k1'))).rejects.toMatchObject({ category: 'RATE_LIMITED', details: { retryAfterMs: 1_000 } });
    await expect(sut.execute('publish_video', write, call('org-a', 'k1'))).resolves.toBeDefined();
  });

  it('should answer a publish as accepted and still processing, as TikTok does', async () => {
    const publish = (await sut.execute('publish_video', { videoUrl: 'https://media.example.com/a.mp4', title: '', privacyLevel: 'PUBLIC_TO_EVERYONE' }, call('org-a'))) as Record<string, string>;

    expect(publish).toEqual({ publishId: expect.stringMatching(/^v_pub_url~v2-1\.7\d{18}$/), status: 'PROCESSING_DOWNLOAD' });
  });

  it('should answer metrics for exactly the videos asked for', async () => {
    const ids = ['7458123456789012345', '7458123456789099999'];
    const { videos } = (await sut.execute('get_video_metrics', { videoIds: ids }, call('org-a'))) as { videos: { id: string }[] };

    expect(videos.map((v) => v.id)).toEqual(ids);
  });
});
