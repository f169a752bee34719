import type { ConnectorCallContext } from '../../connector.types';
import { MockConnector } from '../../mock/mock-connector';
import { InMemoryMockState } from '../contract';
import { googleSearchConsoleConnector } from './index';

const { manifest, mock } = googleSearchConsoleConnector;
const call = (organizationId: string, idempotencyKey = 'run-1:0'): ConnectorCallContext => ({
  organizationId,
  connectionName: 'default',
  secrets: {},
  metadata: {},
  idempotencyKey,
  signal: new AbortController().signal,
});
const read = { siteUrl: 'sc-domain:example.com', startDate: '2025-01-01', endDate: '2025-01-28' };
const write = { siteUrl: 'sc-domain:example.com', feedpath: 'https://www.example.com/sitemap.xml' };

describe(`${MockConnector.name} (${manifest.key})`, () => {
  let state: InMemoryMockState;
  let sut: MockConnector;

  beforeEach(() => {
    state = new InMemoryMockState();
    sut = new MockConnector(manifest, mock, state);
  });

  it('should answer the same input at the same point of the sequence identically', async () => {
    const twin = new MockConnector(manifest, mock, new InMemoryMockState());

    for (const key of ['k1', 'k2']) expect(await sut.execute('query_search_analytics', read, call('org-a', key))).toEqual(await twin.execute('query_search_analytics', read, call('org-a', key)));
  });

  it('should move on with the sequence, separately for each organization', async () => {
    const first = await sut.execute('query_search_analytics', read, call('org-a', 'k1'));
    const second = await sut.execute('query_search_analytics', read, call('org-a', 'k2'));
    const otherOrganization = await sut.execute('query_search_analytics', read, call('org-b', 'k1'));

    expect(second).not.toEqual(first);
    expect(otherOrganization).toEqual(first);
  });

  it("should keep writes in the organization's outbox and not repeat a write for a repeated idempotency key", async () => {
    const first = await sut.execute('submit_sitemap', write, call('org-a', 'k1'));
    const repeated = await sut.execute('submit_sitemap', write, call('org-a', 'k1'));

    expect(repeated).toEqual(first);
    expect(await state.outbox('org-a')).toEqual([expect.objectContaining({ connector: manifest.key, action: 'submit_sitemap', input: write, output: first, idempotencyKey: 'k1' })]);
    expect(await state.outbox('org-b')).toEqual([]);
  });

  it('should fail on demand like the real provider would', async () => {
    await state.setFailures('org-a', [{ connector: manifest.key, action: 'submit_sitemap', failure: 'RATE_LIMITED', remaining: 1 }]);

    await expect(sut.execute('submit_sitemap', write, call('org-a', 'k1'))).rejects.toMatchObject({ category: 'RATE_LIMITED', details: { retryAfterMs: 1_000 } });
    await expect(sut.execute('submit_sitemap', write, call('org-a', 'k1'))).resolves.toBeDefined();
  });

  it('should group rows by the dimensions asked for, one key each', async () => {
    const output = (await sut.execute('query_search_analytics', { siteUrl: 'https://www.example.com/', startDate: '2025-01-01', endDate: '2025-01-03', dimensions: ['date', 'page'] }, call('org-a'))) as {
      rows: { keys: string[]; clicks: number; impressions: number; ctr: number }[];
      responseAggregationType: string;
    };

    expect(output.rows.map((r) => r.keys)).toEqual([
      ['2025-01-01', 'https://www.example.com/products/linen-shirt'],
      ['2025-01-02', 'https://www.example.com/collections/spring'],
      ['2025-01-03', 'https://www.example.com/'],
    ]);
    expect(output.responseAggregationType).toBe('byPage');
    for (const row of output.rows) expect(row.ctr).toBeCloseTo(row.clicks / row.impressions, 4);
  });

  it("should list sitemaps on the property's own host", async () => {
    const { sitemaps } = (await sut.execute('list_sitemaps', { siteUrl: 'sc-domain:example.com' }, call('org-a'))) as { sitemaps: { path: string }[] };

    expect(sitemaps.map((s) => s.path)).toEqual(['https://www.example.com/sitemap.xml', 'https://www.example.com/sitemap_products_1.xml']);
  });
});
