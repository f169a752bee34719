import { MockConnector } from '../../mock/mock-connector';
import { InMemoryMockState } from '../../../../../test/support/connectors/contract';
import { itBehavesLikeAMock, mockCall } from '../../../../../test/support/connectors/mock-behaviour-suite';
import { redditConnector } from './index';

const { manifest, mock } = redditConnector;

describe(`${MockConnector.name} (${manifest.key})`, () => {
  itBehavesLikeAMock(redditConnector, { action: 'list_recent_posts', input: { limit: 2 } }, { action: 'submit_post', input: { subreddit: 'malefashionadvice', title: 'We tested linen shirts', kind: 'self', text: 'Notes inside' } });

  const sut = new MockConnector(manifest, mock, new InMemoryMockState());

  it('should give a submission a t3_ fullname and a permalink built from its title', async () => {
    const post = (await sut.execute('submit_post', { subreddit: 'BuyItForLife', title: 'Linen shirts: 3 years later!', kind: 'link', url: 'https://shop.example.com/j' }, mockCall('org-a'))) as Record<string, string>;

    expect(post.id).toMatch(/^t3_[a-z0-9]{7}$/);
    expect(post.permalink).toBe(`https://www.reddit.com/r/BuyItForLife/comments/${post.id.slice(3)}/linen_shirts_3_years_later/`);
  });

  it('should keep the upvote ratio between 0 and 1', async () => {
    const metrics = (await sut.execute('get_post_metrics', { postId: 't3_1hx2k9q' }, mockCall('org-a'))) as Record<string, number>;

    expect(metrics.upvoteRatio).toBeGreaterThan(0);
    expect(metrics.upvoteRatio).toBeLessThanOrEqual(1);
  });
});
