import { MockConnector } from '../../mock/mock-connector';
import { InMemoryMockState } from '../../../../../test/support/connectors/contract';
import { itBehavesLikeAMock, mockCall } from '../../../../../test/support/connectors/mock-behaviour-suite';
import { facebookConnector } from './index';

const { manifest, mock } = facebookConnector;

describe(`${MockConnector.name} (${manifest.key})`, () => {
  itBehavesLikeAMock(facebookConnector, { action: 'list_recent_posts', input: { pageId: '104589372918273', limit: 2 } }, { action: 'publish_post', input: { pageId: '104589372918273', message: 'Spring is here' } });

  const sut = new MockConnector(manifest, mock, new InMemoryMockState());

  it("should prefix a post id with its Page's id, as the Graph API does", async () => {
    const post = (await sut.execute('publish_post', { pageId: '104589372918273', link: 'https://shop.example.com/spring' }, mockCall('org-a'))) as Record<string, string>;

    expect(post.id).toMatch(/^104589372918273_\d{18}$/);
    expect(post.permalinkUrl).toBe(`https://www.facebook.com/104589372918273/posts/${post.id.split('_')[1]}`);
  });

  it('should answer only the metrics asked for, over the period asked for', async () => {
    const week = (await sut.execute('get_page_insights', { pageId: '104589372918273', period: 'week', metrics: ['page_post_engagements'] }, mockCall('org-a'))) as { period: string; metrics: { name: string }[] };

    expect(week.period).toBe('week');
    expect(week.metrics.map((m) => m.name)).toEqual(['page_post_engagements']);
  });
});
