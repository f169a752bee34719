import { ConnectorKind } from '../../../../generated/prisma/enums';
import type { ConnectorManifest } from '../../connector.types';
import { GetCampaignMetricsInput, PauseCampaignInput } from './dto';
import { GOOGLE_OAUTH } from '../google-oauth';

/** The Google Ads API (REST, GAQL searchStream and campaigns:mutate); mock only so far. */
export const googleAdsManifest: ConnectorManifest = {
  key: 'google_ads',
  displayName: 'Google Ads',
  kind: ConnectorKind.GOOGLE_ADS,
  authType: 'oauth2',
  scopes: ['https://www.googleapis.com/auth/adwords'],
  // Basic access allows 15,000 operations a day per developer token.
  rateLimit: { requests: 15_000, perSeconds: 86_400 },
  realAvailable: false,
  idempotentWrites: false,
  defaultBaseUrl: 'https://googleads.googleapis.com/v18',
  oauth: GOOGLE_OAUTH,
  // The developer-token header is the app's, not the organization's; a manager account (MCC) will add login-customer-id once real.
  secretFields: [],
  metadataFields: [],
  actions: [
    {
      name: 'get_campaign_metrics',
      description: 'Reads campaign performance for a date range: impressions, clicks, cost, conversions, CTR, average CPC',
      effect: 'read',
      input: GetCampaignMetricsInput,
      outputExample: {
        customerId: '1234567890',
        dateRange: 'LAST_7_DAYS',
        currencyCode: 'USD',
        campaigns: [
          {
            campaignId: '21987654321',
            name: 'Spring collection - Search',
            status: 'ENABLED',
            impressions: 48_210,
            clicks: 1_902,
            costMicros: 1_284_500_000,
            conversions: 74.5,
            ctr: 0.0395,
            averageCpcMicros: 675_342,
          },
        ],
      },
    },
    {
      name: 'pause_campaign',
      description: 'Pauses a campaign (status PAUSED); its ads stop serving until enabled again',
      effect: 'write',
      input: PauseCampaignInput,
      outputExample: { resourceName: 'customers/1234567890/campaigns/21987654321', status: 'PAUSED' },
    },
  ],
};
