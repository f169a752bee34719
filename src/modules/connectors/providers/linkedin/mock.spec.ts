import { MockConnector } from '../../mock/mock-connector';
import { InMemoryMockState } from '../../../../../test/support/connectors/contract';
import { itBehavesLikeAMock, mockCall } from '../../../../../test/support/connectors/mock-behaviour-suite';
import { linkedinConnector } from './index';

const { manifest, mock } = linkedinConnector;

describe(`${MockConnector.name} (${manifest.key})`, () => {
  itBehavesLikeAMock(linkedinConnector, { action: 'list_recent_posts', input: { author: 'urn:li:organization:2414183', count: 2 } }, { action: 'publish_post', input: { author: 'urn:li:organization:2414183', commentary: 'Spring is here' } });

  const sut = new MockConnector(manifest, mock, new InMemoryMockState());

  it('should report engagement as interactions over impressions, like LinkedIn', async () => {
    const stats = (await sut.execute('get_post_analytics', { postUrn: 'urn:li:share:7281234567890123456', organizationUrn: 'urn:li:organization:2414183' }, mockCall('org-a'))) as Record<string, number>;

    expect(stats.engagement).toBeCloseTo((stats.clicks + stats.likes + stats.comments + stats.shares) / stats.impressions, 4);
    expect(stats.uniqueImpressions).toBeLessThan(stats.impressions);
  });

  it('should link a published post to its feed update', async () => {
    const post = (await sut.execute('publish_post', { author: 'urn:li:person:abc123', commentary: 'Hi', visibility: 'CONNECTIONS' }, mockCall('org-a'))) as Record<string, string>;

    expect(post).toEqual({ id: expect.stringMatching(/^urn:li:share:\d{19}$/), author: 'urn:li:person:abc123', visibility: 'CONNECTIONS', lifecycleState: 'PUBLISHED', url: `https://www.linkedin.com/feed/update/${post.id}/` });
  });
});
