import type { MockBehaviour } from '../../connector-definition';
import type { ListSitemapsInput, QuerySearchAnalyticsInput, SubmitSitemapInput } from './dto';

const KEYS: Record<string, string[]> = {
  query: ['linen shirt', 'linen shirt men', 'neonhub apparel', 'summer shirts', 'how to wash linen'],
  page: ['/products/linen-shirt', '/collections/spring', '/', '/journal/linen-care', '/products/linen-trousers'],
  country: ['usa', 'gbr', 'deu', 'prt', 'fra'],
  device: ['MOBILE', 'DESKTOP', 'TABLET'],
  searchAppearance: ['PRODUCT_SNIPPETS', 'MERCHANT_LISTINGS', 'REVIEW_SNIPPET'],
};

const origin = (siteUrl: string) => (siteUrl.startsWith('sc-domain:') ? `https://www.${siteUrl.slice('sc-domain:'.length)}` : siteUrl.replace(/\/$/, ''));
/** Every day from start to end, inclusive (Search Console's date dimension). */
const daysBetween = (start: string, end: string) => {
  const days: string[] = [];
  for (let t = Date.parse(`${start}T00:00:00Z`); t <= Date.parse(`${end}T00:00:00Z`) && days.length < 500; t += 86_400_000) days.push(new Date(t).toISOString().slice(0, 10));
  return days;
};

export const googleSearchConsoleMock: MockBehaviour = {
  query_search_analytics: (raw, context) => {
    const input = raw as unknown as QuerySearchAnalyticsInput;
    const dimensions = input.dimensions ?? ['query'];
    const values = dimensions.map((d) => (d === 'date' ? daysBetween(input.startDate, input.endDate) : d === 'page' ? KEYS.page.map((p) => `${origin(input.siteUrl)}${p}`) : KEYS[d]));
    const count = Math.min(input.rowLimit ?? 100, Math.min(...values.map((v) => v.length)));
    const rows = Array.from({ length: count }, (_, i) => {
      const impressions = Math.round((9_870 / (i + 1)) * (1 + (context.sequence % 7) / 20));
      const clicks = Math.round((impressions * 0.06) / (1 + i * 0.25));
      return { keys: values.map((v) => v[i]), clicks, impressions, ctr: Math.round((clicks / impressions) * 10_000) / 10_000, position: Math.round((2.1 + i * 1.7 + (context.sequence % 5) / 10) * 10) / 10 };
    });
    // Grouping by page reports per page; otherwise per property.
    return { rows, responseAggregationType: dimensions.includes('page') ? 'byPage' : 'byProperty' };
  },

  list_sitemaps: (raw, context) => {
    const site = origin((raw as unknown as ListSitemapsInput).siteUrl);
    const at = (hoursBack: number) => new Date(context.now - hoursBack * 3_600_000).toISOString();
    return {
      sitemaps: [
        { path: `${site}/sitemap.xml`, lastSubmitted: at(86), lastDownloaded: at(0), isPending: false, isSitemapsIndex: true, warnings: 0, errors: 0, submitted: 1_284 },
        { path: `${site}/sitemap_products_1.xml`, lastSubmitted: at(86), lastDownloaded: at(2), isPending: false, isSitemapsIndex: false, warnings: 3, errors: 0, submitted: 412 },
      ],
    };
  },

  submit_sitemap: (raw) => {
    const input = raw as unknown as SubmitSitemapInput;
    return { siteUrl: input.siteUrl, path: input.feedpath, submitted: true };
  },
};
