import type { ConnectorCallContext } from '../../connector.types';
import { MockConnector } from '../../mock/mock-connector';
import { InMemoryMockState } from '../contract';
import { redditConnector } from './index';

const { manifest, mock } = redditConnector;
const call = (organizationId: string, idempotencyKey = 'run-1:0'): ConnectorCallContext => ({
  organizationId,
  connectionName: 'default',
  secrets: {},
  metadata: {},
  idempotencyKey,
  signal: new AbortController().signal,
});
const read = { limit: 2 };
const write = { subreddit: 'malefashionadvice', title: 'We tested linen shirts', kind: 'self', text: 'Notes inside' };

describe(`${MockConnector.name} (${manifest.key})`, () => {
  let state: InMemoryMockState;
  let sut: MockConnector;

  beforeEach(() => {
    state = new InMemoryMockState();
    sut = new MockConnector(manifest, mock, state);
  });

  it('should answer the same input at the same point of the sequence identically', async () => {
    const twin = new MockConnector(manifest, mock, new InMemoryMockState());

    for (const key of ['k1', 'k2']) expect(await sut.execute('list_recent_posts', read, call('org-a', key))).toEqual(await twin.execute('list_recent_posts', read, call('org-a', key)));
  });

  it('should move on with the sequence, separately for each organization', async () => {
    const first = await sut.execute('list_recent_posts', read, call('org-a', 'k1'));
    const second = await sut.execute('list_recent_posts', read, call('org-a', 'k2'));
    const otherOrganization = await sut.execute('list_recent_posts', read, call('org-b', 'k1'));

    expect(second).not.toEqual(first);
    expect(otherOrganization).toEqual(first);
  });

  it("should keep writes in the organization's outbox and not repeat a write for a repeated idempotency key", async () => {
    const first = await sut.execute('submit_post', write, call('org-a', 'k1'));
    const repeated = await sut.execute('submit_post', write, call('org-a', 'k1'));

    expect(repeated).toEqual(first);
    expect(await state.outbox('org-a')).toEqual([expect.objectContaining({ connector: manifest.key, action: 'submit_post', input: write, output: first, idempotencyKey: 'k1' })]);
    expect(await state.outbox('org-b')).toEqual([]);
  });

  it('should fail on demand like the real provider would', async () => {
    await state.setFailures('org-a', [{ connector: manifest.key, action: 'submit_post', failure: 'RATE_LIMITED', remaining: 1 }]);

    await expect(sut.execute('submit_post', write, call('org-a', 'k1'))).rejects.toMatchObject({ category: 'RATE_LIMITED', details: { retryAfterMs: 1_000 } });
    await expect(sut.execute('submit_post', write, call('org-a', 'k1'))).resolves.toBeDefined();
  });

  it('should give a submission a t3_ fullname and a permalink built from its title', async () => {
    const post = (await sut.execute('submit_post', { subreddit: 'BuyItForLife', title: 'Linen shirts: 3 years later!', kind: 'link', url: 'https://shop.example.com/j' }, call('org-a'))) as Record<string, string>;

    expect(post.id).toMatch(/^t3_[a-z0-9]{7}$/);
    expect(post.permalink).toBe(`https://www.reddit.com/r/BuyItForLife/comments/${post.id.slice(3)}/linen_shirts_3_years_later/`);
  });

  it('should keep the upvote ratio between 0 and 1', async () => {
    const metrics = (await sut.execute('get_post_metrics', { postId: 't3_1hx2k9q' }, call('org-a'))) as Record<string, number>;

    expect(metrics.upvoteRatio).toBeGreaterThan(0);
    expect(metrics.upvoteRatio).toBeLessThanOrEqual(1);
  });
});
