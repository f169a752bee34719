import { MockConnector } from '../../mock/mock-connector';
import { InMemoryMockState } from '../../../../../test/support/connectors/contract';
import { itBehavesLikeAMock, mockCall } from '../../../../../test/support/connectors/mock-behaviour-suite';
import { tiktokConnector } from './index';

const { manifest, mock } = tiktokConnector;

describe(`${MockConnector.name} (${manifest.key})`, () => {
  itBehavesLikeAMock(tiktokConnector, { action: 'list_recent_videos', input: { maxCount: 2 } }, { action: 'publish_video', input: { videoUrl: 'https://media.example.com/a.mp4', title: 'Spring #linen', privacyLevel: 'SELF_ONLY' } });

  const sut = new MockConnector(manifest, mock, new InMemoryMockState());

  it('should answer a publish as accepted and still processing, as TikTok does', async () => {
    const publish = (await sut.execute('publish_video', { videoUrl: 'https://media.example.com/a.mp4', title: '', privacyLevel: 'PUBLIC_TO_EVERYONE' }, mockCall('org-a'))) as Record<string, string>;

    expect(publish).toEqual({ publishId: expect.stringMatching(/^v_pub_url~v2-1\.7\d{18}$/), status: 'PROCESSING_DOWNLOAD' });
  });

  it('should answer metrics for exactly the videos asked for', async () => {
    const ids = ['7458123456789012345', '7458123456789099999'];
    const { videos } = (await sut.execute('get_video_metrics', { videoIds: ids }, mockCall('org-a'))) as { videos: { id: string }[] };

    expect(videos.map((v) => v.id)).toEqual(ids);
  });
});
