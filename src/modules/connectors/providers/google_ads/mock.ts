import type { MockBehaviour } from '../../connector-definition';
import type { GetCampaignMetricsInput, PauseCampaignInput } from './dto';

const DAYS: Record<string, number> = { TODAY: 1, YESTERDAY: 1, LAST_7_DAYS: 7, LAST_14_DAYS: 14, LAST_30_DAYS: 30, THIS_MONTH: 14, LAST_MONTH: 31 };
const CAMPAIGNS = [
  { campaignId: '21987654321', name: 'Spring collection - Search', status: 'ENABLED', dailyImpressions: 6_900, ctr: 0.0395, cpcMicros: 675_000, conversionRate: 0.039 },
  { campaignId: '21987654388', name: 'Brand - Search', status: 'ENABLED', dailyImpressions: 2_100, ctr: 0.112, cpcMicros: 210_000, conversionRate: 0.081 },
  { campaignId: '21987654402', name: 'Linen shirts - Performance Max', status: 'PAUSED', dailyImpressions: 11_400, ctr: 0.0121, cpcMicros: 480_000, conversionRate: 0.022 },
];

const digits = (customerId: string) => customerId.replace(/-/g, '');

export const googleAdsMock: MockBehaviour = {
  get_campaign_metrics: (raw, context) => {
    const input = raw as unknown as GetCampaignMetricsInput;
    const dateRange = input.dateRange ?? 'LAST_7_DAYS';
    const days = DAYS[dateRange];
    // Unknown campaign ids are left out, as GAQL returns no row for them.
    const chosen = input.campaignIds ? CAMPAIGNS.filter((c) => input.campaignIds!.includes(c.campaignId)) : CAMPAIGNS;
    const campaigns = chosen.map((c, i) => {
      const impressions = c.dailyImpressions * days + ((context.sequence * 37 + i * 11) % 500);
      const clicks = Math.round(impressions * c.ctr);
      const costMicros = clicks * c.cpcMicros;
      return {
        campaignId: c.campaignId,
        name: c.name,
        status: c.status,
        impressions,
        clicks,
        costMicros,
        conversions: Math.round(clicks * c.conversionRate * 10) / 10,
        // Metrics derived the way Google Ads derives them, so they agree with each other.
        ctr: impressions ? Math.round((clicks / impressions) * 10_000) / 10_000 : 0,
        averageCpcMicros: clicks ? Math.round(costMicros / clicks) : 0,
      };
    });
    return { customerId: digits(input.customerId), dateRange, currencyCode: 'USD', campaigns };
  },

  pause_campaign: (raw) => {
    const input = raw as unknown as PauseCampaignInput;
    return { resourceName: `customers/${digits(input.customerId)}/campaigns/${input.campaignId}`, status: 'PAUSED' };
  },
};
