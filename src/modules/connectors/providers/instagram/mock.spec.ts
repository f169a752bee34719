import { MockConnector } from '../../mock/mock-connector';
import { InMemoryMockState } from '../../../../../test/support/connectors/contract';
import { itBehavesLikeAMock, mockCall } from '../../../../../test/support/connectors/mock-behaviour-suite';
import { instagramConnector } from './index';

const { manifest, mock } = instagramConnector;

describe(`${MockConnector.name} (${manifest.key})`, () => {
  itBehavesLikeAMock(instagramConnector, { action: 'list_recent_media', input: { limit: 2 } }, { action: 'publish_image', input: { imageUrl: 'https://cdn.example.com/a.jpg', caption: 'Spring #linen' } });

  const sut = new MockConnector(manifest, mock, new InMemoryMockState());

  it('should count total interactions as likes, comments, saves and shares', async () => {
    const insights = (await sut.execute('get_media_insights', { mediaId: '17895695668004550' }, mockCall('org-a'))) as Record<string, number>;

    expect(insights.totalInteractions).toBe(insights.likes + insights.comments + insights.saved + insights.shares);
    expect(insights.views).toBeGreaterThanOrEqual(insights.reach);
  });

  it('should answer with Instagram-shaped ids and timestamps', async () => {
    const { media } = (await sut.execute('list_recent_media', {}, mockCall('org-a'))) as { media: Record<string, string>[] };

    expect(media[0]).toEqual(expect.objectContaining({ id: expect.stringMatching(/^\d{17}$/), permalink: expect.stringMatching(/^https:\/\/www\.instagram\.com\/p\/[\w-]{11}\/$/), timestamp: expect.stringMatching(/\+0000$/) }));
  });
});
