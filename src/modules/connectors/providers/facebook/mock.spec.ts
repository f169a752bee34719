import type { ConnectorCallContext } from '../../connector.types';
import { MockConnector } from '../../mock/mock-connector';
import { InMemoryMockState } from '../contract';
import { facebookConnector } from './index';

const { manifest, mock } = facebookConnector;
const call = (organizationId: string, idempotencyKey = 'run-1:0'): ConnectorCallContext => ({
  organizationId,
  connectionName: 'default',
  secrets: {},
  metadata: {},
  idempotencyKey,
  signal: new AbortController().signal,
});
const read = { pageId: '104589372918273', limit: 2 };
const write = { pageId: '104589372918273', message: 'Spring is here' };

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

  it("should prefix a post id with its Page's id, as the Graph API does", async () => {
    const post = (await sut.execute('publish_post', { pageId: '104589372918273', link: 'https://shop.example.com/spring' }, call('org-a'))) as Record<string, string>;

    expect(post.id).toMatch(/^104589372918273_\d{18}$/);
    expect(post.permalinkUrl).toBe(`https://www.facebook.com/104589372918273/posts/${post.id.split('_')[1]}`);
  });

  it('should answer only the metrics asked for, over the period asked for', async () => {
    const week = (await sut.execute('get_page_insights', { pageId: '104589372918273', period: 'week', metrics: ['page_post_engagements'] }, call('org-a'))) as { period: string; metrics: { name: string }[] };

    expect(week.period).toBe('week');
    expect(week.metrics.map((m) => m.name)).toEqual(['page_post_engagements']);
  });
});
