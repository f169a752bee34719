import { MockConnector } from '../../mock/mock-connector';
import { InMemoryMockState } from '../../../../../test/support/connectors/contract';
import { itBehavesLikeAMock, mockCall } from '../../../../../test/support/connectors/mock-behaviour-suite';
import { youtubeConnector } from './index';

const { manifest, mock } = youtubeConnector;

describe(`${MockConnector.name} (${manifest.key})`, () => {
  itBehavesLikeAMock(youtubeConnector, { action: 'list_recent_videos', input: { maxResults: 2 } }, { action: 'update_video_metadata', input: { videoId: 'dQw4w9WgXcQ', title: 'How we make our linen shirts' } });

  const sut = new MockConnector(manifest, mock, new InMemoryMockState());

  it('should answer an update with the whole snippet, as videos.update replaces it', async () => {
    await expect(sut.execute('update_video_metadata', { videoId: 'dQw4w9WgXcQ', title: 'New title', tags: ['linen'] }, mockCall('org-a'))).resolves.toEqual({
      id: 'dQw4w9WgXcQ',
      title: 'New title',
      description: '',
      tags: ['linen'],
      categoryId: '22',
      privacyStatus: 'public',
    });
  });

  it('should keep likes and comments a small share of views', async () => {
    const metrics = (await sut.execute('get_video_metrics', { videoId: 'dQw4w9WgXcQ' }, mockCall('org-a'))) as Record<string, number>;

    expect(metrics.likes).toBeLessThan(metrics.views / 10);
    expect(metrics.comments).toBeLessThan(metrics.likes);
  });
});
