import { MockConnector } from '../../mock/mock-connector';
import { InMemoryMockState } from '../../../../../test/support/connectors/contract';
import { itBehavesLikeAMock, mockCall } from '../../../../../test/support/connectors/mock-behaviour-suite';
import { googleSearchConsoleConnector } from './index';

const { manifest, mock } = googleSearchConsoleConnector;

describe(`${MockConnector.name} (${manifest.key})`, () => {
  itBehavesLikeAMock(googleSearchConsoleConnector, { action: 'query_search_analytics', input: { siteUrl: 'sc-domain:example.com', startDate: '2025-01-01', endDate: '2025-01-28' } }, { action: 'submit_sitemap', input: { siteUrl: 'sc-domain:example.com', feedpath: 'https://www.example.com/sitemap.xml' } });

  const sut = new MockConnector(manifest, mock, new InMemoryMockState());

  it('should group rows by the dimensions asked for, one key each', async () => {
    const output = (await sut.execute('query_search_analytics', { siteUrl: 'https://www.example.com/', startDate: '2025-01-01', endDate: '2025-01-03', dimensions: ['date', 'page'] }, mockCall('org-a'))) as {
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
    const { sitemaps } = (await sut.execute('list_sitemaps', { siteUrl: 'sc-domain:example.com' }, mockCall('org-a'))) as { sitemaps: { path: string }[] };

    expect(sitemaps.map((s) => s.path)).toEqual(['https://www.example.com/sitemap.xml', 'https://www.example.com/sitemap_products_1.xml']);
  });
});
