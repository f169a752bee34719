import { ConnectorKind } from '../../../../generated/prisma/enums';
import type { ConnectorManifest } from '../../connector.types';
import { ListSitemapsInput, QuerySearchAnalyticsInput, SubmitSitemapInput } from './dto';
import { GOOGLE_OAUTH } from '../google-oauth';

/** The Search Console API (searchAnalytics.query, sitemaps); mock only so far. */
export const googleSearchConsoleManifest: ConnectorManifest = {
  key: 'google_search_console',
  displayName: 'Google Search Console',
  kind: ConnectorKind.GOOGLE_SEARCH_CONSOLE,
  authType: 'oauth2',
  // webmasters (not .readonly) is needed to submit sitemaps.
  scopes: ['https://www.googleapis.com/auth/webmasters'],
  // Search Analytics: 1,200 queries per minute per user (and per site); the rest of the API is far more generous.
  rateLimit: { requests: 1_200, perSeconds: 60 },
  realAvailable: false,
  idempotentWrites: false,
  defaultBaseUrl: 'https://searchconsole.googleapis.com/webmasters/v3',
  oauth: GOOGLE_OAUTH,
  secretFields: [],
  metadataFields: [],
  actions: [
    {
      name: 'query_search_analytics',
      description: 'Queries Google Search performance (clicks, impressions, CTR, position) grouped by query, page, country, device or date',
      effect: 'read',
      input: QuerySearchAnalyticsInput,
      outputExample: { rows: [{ keys: ['linen shirt'], clicks: 412, impressions: 9_870, ctr: 0.0417, position: 6.3 }], responseAggregationType: 'byProperty' },
    },
    {
      name: 'list_sitemaps',
      description: "Lists a property's sitemaps with their last download, errors, warnings and indexed counts",
      effect: 'read',
      input: ListSitemapsInput,
      outputExample: {
        sitemaps: [
          {
            path: 'https://www.example.com/sitemap.xml',
            lastSubmitted: '2025-01-10T08:12:44.000Z',
            lastDownloaded: '2025-01-13T22:05:10.000Z',
            isPending: false,
            isSitemapsIndex: true,
            warnings: 0,
            errors: 0,
            submitted: 1_284,
          },
        ],
      },
    },
    {
      name: 'submit_sitemap',
      description: 'Submits (or resubmits) a sitemap so Google crawls it',
      effect: 'write',
      input: SubmitSitemapInput,
      outputExample: { siteUrl: 'sc-domain:example.com', path: 'https://www.example.com/sitemap.xml', submitted: true },
    },
  ],
};
