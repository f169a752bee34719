import { ConnectorKind } from '../../../../generated/prisma/enums';
import type { ConnectorManifest } from '../../connector.types';
import { GetCampaignBudgetInput, GetCampaignMetricsInput, PauseCampaignInput, UpdateCampaignBudgetInput } from './dto';
import { GOOGLE_OAUTH } from '../google-oauth';

export interface CampaignMetrics {
  campaignId: string;
  name: string;
  status: string;
  /** The campaign budget's daily amount (campaign_budget.amount_micros). */
  budgetAmountMicros: number;
  impressions: number;
  clicks: number;
  costMicros: number;
  conversions: number;
  ctr: number;
  averageCpcMicros: number;
}

export interface GetCampaignMetricsOutput {
  customerId: string;
  dateRange: string;
  currencyCode: string;
  campaigns: CampaignMetrics[];
}

export interface CampaignBudgetOutput {
  customerId: string;
  campaignId: string;
  /** customers/{customerId}/campaignBudgets/{budgetId} */
  budgetResourceName: string;
  amountMicros: number;
  deliveryMethod: 'STANDARD' | 'ACCELERATED';
}

export interface UpdateCampaignBudgetOutput {
  resourceName: string;
  campaignId: string;
  amountMicros: number;
}

/** The Google Ads API (REST, GAQL searchStream, campaigns:mutate and campaignBudgets:mutate); mock only so far. */
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
      description: "Reads campaign performance for a date range: impressions, clicks, cost, conversions, CTR, average CPC, and each campaign's daily budget",
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
            budgetAmountMicros: 150_000_000,
            impressions: 48_210,
            clicks: 1_902,
            costMicros: 1_284_500_000,
            conversions: 74.5,
            ctr: 0.0395,
            averageCpcMicros: 675_342,
          },
        ],
      } satisfies GetCampaignMetricsOutput,
    },
    {
      name: 'pause_campaign',
      description: 'Pauses a campaign (status PAUSED); its ads stop serving until enabled again',
      effect: 'write',
      input: PauseCampaignInput,
      outputExample: { resourceName: 'customers/1234567890/campaigns/21987654321', status: 'PAUSED' },
    },
    {
      name: 'get_campaign_budget',
      description: "Reads a campaign's daily budget (its campaign budget's amount and delivery method)",
      effect: 'read',
      input: GetCampaignBudgetInput,
      outputExample: {
        customerId: '1234567890',
        campaignId: '21987654321',
        budgetResourceName: 'customers/1234567890/campaignBudgets/13579246801',
        amountMicros: 150_000_000,
        deliveryMethod: 'STANDARD',
      } satisfies CampaignBudgetOutput,
    },
    {
      name: 'update_campaign_budget',
      description: "Sets a campaign's daily budget (amountMicros of its campaign budget); spend follows from the next hour",
      effect: 'write',
      input: UpdateCampaignBudgetInput,
      outputExample: { resourceName: 'customers/1234567890/campaignBudgets/13579246801', campaignId: '21987654321', amountMicros: 165_000_000 } satisfies UpdateCampaignBudgetOutput,
    },
  ],
};
