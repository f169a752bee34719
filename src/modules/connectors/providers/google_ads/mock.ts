import { ConnectorError } from '../../connector-error';
import type { MockActionContext, MockBehaviour } from '../../connector-definition';
import type { GetCampaignBudgetInput, GetCampaignMetricsInput, PauseCampaignInput, UpdateCampaignBudgetInput } from './dto';
import type { CampaignBudgetOutput, GetCampaignMetricsOutput, UpdateCampaignBudgetOutput } from './manifest';

const DAYS: Record<string, number> = { TODAY: 1, YESTERDAY: 1, LAST_7_DAYS: 7, LAST_14_DAYS: 14, LAST_30_DAYS: 30, THIS_MONTH: 14, LAST_MONTH: 31 };

interface MockCampaign {
  campaignId: string;
  name: string;
  status: string;
  budgetId: string;
  /** The daily budget until a write changes it. */
  dailyBudgetMicros: number;
  /** What the campaign would serve a day with an unlimited budget. */
  dailyImpressions: number;
  ctr: number;
  cpcMicros: number;
  conversionRate: number;
}

/**
 * The same account for every customer id: a search campaign held back by its budget (it could
 * buy about 184.00 a day of clicks on a 150.00 budget), a brand campaign spending less than its
 * budget, and a paused one.
 */
const CAMPAIGNS: readonly MockCampaign[] = [
  { campaignId: '21987654321', name: 'Spring collection - Search', status: 'ENABLED', budgetId: '13579246801', dailyBudgetMicros: 150_000_000, dailyImpressions: 6_900, ctr: 0.0395, cpcMicros: 675_000, conversionRate: 0.039 },
  { campaignId: '21987654388', name: 'Brand - Search', status: 'ENABLED', budgetId: '13579246802', dailyBudgetMicros: 60_000_000, dailyImpressions: 2_100, ctr: 0.112, cpcMicros: 210_000, conversionRate: 0.081 },
  { campaignId: '21987654402', name: 'Linen shirts - Performance Max', status: 'PAUSED', budgetId: '13579246803', dailyBudgetMicros: 80_000_000, dailyImpressions: 11_400, ctr: 0.0121, cpcMicros: 480_000, conversionRate: 0.022 },
];

const digits = (customerId: string) => customerId.replace(/-/g, '');
const budgetFact = (customerId: string, campaignId: string) => `budget:${digits(customerId)}:${campaignId}`;

function campaignNamed(customerId: string, campaignId: string): MockCampaign {
  const campaign = CAMPAIGNS.find((c) => c.campaignId === campaignId);
  if (!campaign) throw new ConnectorError('NOT_FOUND', `google_ads (mock): campaign ${campaignId} not found under customer ${digits(customerId)}`, { providerStatus: 404, requestSent: true });
  return campaign;
}

/** The budget the organization's last update set, else the campaign's own. */
async function dailyBudget(customerId: string, campaign: MockCampaign, context: MockActionContext): Promise<number> {
  const stored = await context.facts.get(budgetFact(customerId, campaign.campaignId));
  return stored === undefined ? campaign.dailyBudgetMicros : Number(stored);
}

export const googleAdsMock: MockBehaviour = {
  get_campaign_metrics: async (raw, context): Promise<GetCampaignMetricsOutput> => {
    const input = raw as unknown as GetCampaignMetricsInput;
    const dateRange = input.dateRange ?? 'LAST_7_DAYS';
    const days = DAYS[dateRange];
    // Unknown campaign ids are left out, as GAQL returns no row for them.
    const chosen = input.campaignIds ? CAMPAIGNS.filter((c) => input.campaignIds!.includes(c.campaignId)) : CAMPAIGNS;
    const campaigns = await Promise.all(
      chosen.map(async (c, i) => {
        const budgetAmountMicros = await dailyBudget(input.customerId, c, context);
        // A campaign its budget holds back serves only the clicks the budget buys: a raise buys more, up to the traffic there is.
        const served = Math.min(1, budgetAmountMicros / (c.dailyImpressions * c.ctr * c.cpcMicros));
        const impressions = Math.round(c.dailyImpressions * served * days) + ((context.sequence * 37 + i * 11) % 500);
        const clicks = Math.round(impressions * c.ctr);
        const costMicros = clicks * c.cpcMicros;
        return {
          campaignId: c.campaignId,
          name: c.name,
          status: c.status,
          budgetAmountMicros,
          impressions,
          clicks,
          costMicros,
          conversions: Math.round(clicks * c.conversionRate * 10) / 10,
          // Metrics derived the way Google Ads derives them, so they agree with each other.
          ctr: impressions ? Math.round((clicks / impressions) * 10_000) / 10_000 : 0,
          averageCpcMicros: clicks ? Math.round(costMicros / clicks) : 0,
        };
      }),
    );
    return { customerId: digits(input.customerId), dateRange, currencyCode: 'USD', campaigns };
  },

  pause_campaign: (raw) => {
    const input = raw as unknown as PauseCampaignInput;
    return { resourceName: `customers/${digits(input.customerId)}/campaigns/${input.campaignId}`, status: 'PAUSED' };
  },

  get_campaign_budget: async (raw, context): Promise<CampaignBudgetOutput> => {
    const input = raw as unknown as GetCampaignBudgetInput;
    const campaign = campaignNamed(input.customerId, input.campaignId);
    return {
      customerId: digits(input.customerId),
      campaignId: campaign.campaignId,
      budgetResourceName: `customers/${digits(input.customerId)}/campaignBudgets/${campaign.budgetId}`,
      amountMicros: await dailyBudget(input.customerId, campaign, context),
      deliveryMethod: 'STANDARD',
    };
  },

  update_campaign_budget: async (raw, context): Promise<UpdateCampaignBudgetOutput> => {
    const input = raw as unknown as UpdateCampaignBudgetInput;
    const campaign = campaignNamed(input.customerId, input.campaignId);
    await context.facts.set(budgetFact(input.customerId, campaign.campaignId), String(input.amountMicros));
    return { resourceName: `customers/${digits(input.customerId)}/campaignBudgets/${campaign.budgetId}`, campaignId: campaign.campaignId, amountMicros: input.amountMicros };
  },
};
