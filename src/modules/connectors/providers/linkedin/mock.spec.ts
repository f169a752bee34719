import type { ConnectorCallContext } from '../../connector.types';
import { MockConnector } from '../../mock/mock-connector';
import { InMemoryMockState } from '../contract';
import { linkedinConnector } from './index';

const { manifest, mock } = linkedinConnector;
const call = (organizationId: string, idempotencyKey = 'run-1:0'): ConnectorCallContext => ({
  organizationId,
  connectionName: 'default',
  secrets: {},
  metadata: {},
  idempotencyKey,
  signal: new AbortController().signal,
});
const read = { author: 'urn:li:organization:2414183', count: 2 };
const write = { author: 'urn:li:organization:2414183', commentary: 'Spring is here' };

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
    const first = await sut.execute('publish_post', write, call('org-a', 'k1'));
    const repeated = await sut.execute('publish_post', write, call('org-a', 'k1'));

    expect(repeated).toEqual(first);
    expect(await state.outbox('org-a')).toEqual([expect.objectContaining({ connector: manifest.key, action: 'publish_post', input: write, output: first, idempotencyKey: 'k1' })]);
    expect(await state.outbox('org-b')).toEqual([]);
  });

  it('should fail on demand like the real provider would', async () => {
    await state.setFailures('org-a', [{ connector: manifest.key, action: 'publish_post', failure: 'RATE_LIMITED', remaining: 1 }]);

    await expect(sut.execute('publish_post', write, call('org-a', 'k1'))).rejects.toMatchObject({ category: 'RATE_LIMITED', details: { retryAfterMs: 1_000 } });
    await expect(sut.execute('publish_post', write, call('org-a', 'k1'))).resolves.toBeDefined();
  });

  it('should report engagement as interactions over impressions, like LinkedIn', async () => {
    const stats = (await sut.execute('get_post_analytics', { postUrn: 'urn:li:share:7281234567890123456', organizationUrn: 'urn:li:organization:2414183' }, call('org-a'))) as Record<string, number>;

    expect(stats.engagement).toBeCloseTo((stats.clicks + stats.likes + stats.comments + stats.shares) / stats.impressions, 4);
    expect(stats.uniqueImpressions).toBeLessThan(stats.impressions);
  });

  it('should link a published post to its feed update', async () => {
    const post = (await sut.execute('publish_post', { author: 'urn:li:person:abc123', commentary: 'Hi', visibility: 'CONNECTIONS' }, call('org-a'))) as Record<string, string>;

    expect(post).toEqual({ id: expect.stringMatching(/^urn:li:share:\d{19}$/), author: 'urn:li:person:abc123', visibility: 'CONNECTIONS', lifecycleState: 'PUBLISHED', url: `https://www.linkedin.com/feed/update/${post.id}/` });
  });
});
