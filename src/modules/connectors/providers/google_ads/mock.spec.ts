import { MockConnector } from '../../mock/mock-connector';
import { InMemoryMockState } from '../../../../../test/support/connectors/contract';
import { itBehavesLikeAMock, mockCall } from '../../../../../test/support/connectors/mock-behaviour-suite';
import { googleAdsConnector } from './index';

const { manifest, mock } = googleAdsConnector;

describe(`${MockConnector.name} (${manifest.key})`, () => {
  itBehavesLikeAMock(googleAdsConnector, { action: 'get_campaign_metrics', input: { customerId: '123-456-7890' } }, { action: 'pause_campaign', input: { customerId: '123-456-7890', campaignId: '21987654321' } });

  const sut = new MockConnector(manifest, mock, new InMemoryMockState());

  it('should derive CTR and average CPC from clicks, impressions and cost, like Google Ads', async () => {
    const { campaigns } = (await sut.execute('get_campaign_metrics', { customerId: '1234567890', dateRange: 'LAST_30_DAYS' }, mockCall('org-a'))) as { campaigns: Record<string, number>[] };

    for (const c of campaigns) {
      expect(c.ctr).toBeCloseTo(c.clicks / c.impressions, 4);
      expect(c.averageCpcMicros).toBe(Math.round(c.costMicros / c.clicks));
    }
  });

  it('should answer only the campaigns asked for, under the customer id without dashes', async () => {
    const output = (await sut.execute('get_campaign_metrics', { customerId: '123-456-7890', campaignIds: ['21987654388'] }, mockCall('org-a'))) as { customerId: string; campaigns: { campaignId: string }[] };

    expect(output.customerId).toBe('1234567890');
    expect(output.campaigns.map((c) => c.campaignId)).toEqual(['21987654388']);
  });
});
