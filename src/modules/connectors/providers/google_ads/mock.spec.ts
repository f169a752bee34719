import { MockConnector } from '../../mock/mock-connector';
import { InMemoryMockState } from '../../../../../test/support/connectors/contract';
import { itBehavesLikeAMock, mockCall } from '../../../../../test/support/connectors/mock-behaviour-suite';
import { googleAdsConnector } from './index';
import type { CampaignBudgetOutput, GetCampaignMetricsOutput } from './manifest';

const { manifest, mock } = googleAdsConnector;
const SPRING = '21987654321';

describe(`${MockConnector.name} (${manifest.key})`, () => {
  itBehavesLikeAMock(googleAdsConnector, { action: 'get_campaign_metrics', input: { customerId: '123-456-7890' } }, { action: 'pause_campaign', input: { customerId: '123-456-7890', campaignId: '21987654321' } });

  let sut: MockConnector;
  beforeEach(() => {
    sut = new MockConnector(manifest, mock, new InMemoryMockState());
  });

  const metrics = async (org: string, key = 'read-1') => (await sut.execute('get_campaign_metrics', { customerId: '1234567890', campaignIds: [SPRING] }, mockCall(org, key))) as GetCampaignMetricsOutput;
  const budget = async (org: string, key = 'read-2') => (await sut.execute('get_campaign_budget', { customerId: '123-456-7890', campaignId: SPRING }, mockCall(org, key))) as CampaignBudgetOutput;

  it('should derive CTR and average CPC from clicks, impressions and cost, like Google Ads', async () => {
    const { campaigns } = (await sut.execute('get_campaign_metrics', { customerId: '1234567890', dateRange: 'LAST_30_DAYS' }, mockCall('org-a'))) as GetCampaignMetricsOutput;

    for (const c of campaigns) {
      expect(c.ctr).toBeCloseTo(c.clicks / c.impressions, 4);
      expect(c.averageCpcMicros).toBe(Math.round(c.costMicros / c.clicks));
    }
  });

  it('should answer only the campaigns asked for, under the customer id without dashes', async () => {
    const output = (await sut.execute('get_campaign_metrics', { customerId: '123-456-7890', campaignIds: ['21987654388'] }, mockCall('org-a'))) as GetCampaignMetricsOutput;

    expect(output.customerId).toBe('1234567890');
    expect(output.campaigns.map((c) => c.campaignId)).toEqual(['21987654388']);
  });

  it('should remember an updated budget for the organization, in the budget read and the metrics, with or without dashes', async () => {
    expect((await budget('org-a')).amountMicros).toBe(150_000_000);

    const updated = await sut.execute('update_campaign_budget', { customerId: '1234567890', campaignId: SPRING, amountMicros: 165_000_000 }, mockCall('org-a', 'write-1'));

    expect(updated).toEqual({ resourceName: 'customers/1234567890/campaignBudgets/13579246801', campaignId: SPRING, amountMicros: 165_000_000 });
    expect(await budget('org-a', 'read-3')).toMatchObject({ amountMicros: 165_000_000, budgetResourceName: 'customers/1234567890/campaignBudgets/13579246801' });
    expect((await metrics('org-a')).campaigns[0].budgetAmountMicros).toBe(165_000_000);
    expect((await budget('org-b')).amountMicros).toBe(150_000_000);
  });

  it('should spend more on a campaign its budget holds back once the budget is raised, and never more than the traffic there is', async () => {
    const before = (await metrics('org-a')).campaigns[0];
    await sut.execute('update_campaign_budget', { customerId: '1234567890', campaignId: SPRING, amountMicros: 170_000_000 }, mockCall('org-a', 'write-1'));
    const raised = (await metrics('org-a', 'read-3')).campaigns[0];
    await sut.execute('update_campaign_budget', { customerId: '1234567890', campaignId: SPRING, amountMicros: 900_000_000 }, mockCall('org-a', 'write-2'));
    const unlimited = (await metrics('org-a', 'read-4')).campaigns[0];

    // 7 days on a 150.00 budget: about 1,050.00 of spend, held back from the 1,288 the traffic would cost.
    expect(before.costMicros).toBeGreaterThan(1_000_000_000);
    expect(before.costMicros).toBeLessThanOrEqual(7 * 150_000_000 + 500 * 0.0395 * 675_000);
    expect(raised.costMicros).toBeGreaterThan(before.costMicros);
    expect(unlimited.costMicros).toBeLessThan(7 * 190_000_000);
  });

  it('should answer NOT_FOUND for a campaign the account does not have, and change nothing', async () => {
    const unknown = { customerId: '1234567890', campaignId: '999' };

    await expect(sut.execute('get_campaign_budget', unknown, mockCall('org-a'))).rejects.toMatchObject({ category: 'NOT_FOUND' });
    await expect(sut.execute('update_campaign_budget', { ...unknown, amountMicros: 10_000 }, mockCall('org-a', 'write-1'))).rejects.toMatchObject({ category: 'NOT_FOUND' });
  });
});
