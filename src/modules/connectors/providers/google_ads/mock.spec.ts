import type { ConnectorCallContext } from '../../connector.types';
import { MockConnector } from '../../mock/mock-connector';
import { InMemoryMockState } from '../contract';
import { googleAdsConnector } from './index';

const { manifest, mock } = googleAdsConnector;
const call = (organizationId: string, idempotencyKey = 'run-1:0'): ConnectorCallContext => ({
  organizationId,
  connectionName: 'default',
  secrets: {},
  metadata: {},
  idempotencyKey,
  signal: new AbortController().signal,
});
const read = { customerId: '123-456-7890' };
const write = { customerId: '123-456-7890', campaignId: '21987654321' };

describe(`${MockConnector.name} (${manifest.key})`, () => {
  let state: InMemoryMockState;
  let sut: MockConnector;

  beforeEach(() => {
    state = new InMemoryMockState();
    sut = new MockConnector(manifest, mock, state);
  });

  it('should answer the same input at the same point of the sequence identically', async () => {
    const twin = new MockConnector(manifest, mock, new InMemoryMockState());

    for (const key of ['k1', 'k2']) expect(await sut.execute('get_campaign_metrics', read, call('org-a', key))).toEqual(await twin.execute('get_campaign_metrics', read, call('org-a', key)));
  });

  it('should move on with the sequence, separately for each organization', async () => {
    const first = await sut.execute('get_campaign_metrics', read, call('org-a', 'k1'));
    const second = await sut.execute('get_campaign_metrics', read, call('org-a', 'k2'));
    const otherOrganization = await sut.execute('get_campaign_metrics', read, call('org-b', 'k1'));

    expect(second).not.toEqual(first);
    expect(otherOrganization).toEqual(first);
  });

  it("should keep writes in the organization's outbox and not repeat a write for a repeated idempotency key", async () => {
    const first = await sut.execute('pause_campaign', write, call('org-a', 'k1'));
    const repeated = await sut.execute('pause_campaign', write, call('org-a', 'k1'));

    expect(repeated).toEqual(first);
    expect(await state.outbox('org-a')).toEqual([expect.objectContaining({ connector: manifest.key, action: 'pause_campaign', input: write, output: first, idempotencyKey: 'k1' })]);
    expect(await state.outbox('org-b')).toEqual([]);
  });

  it('should fail on demand like the real provider would', async () => {
    await state.setFailures('org-a', [{ connector: manifest.key, action: 'pause_campaign', failure: 'RATE_LIMITED', remaining: 1 }]);

    await expect(sut.execute('pause_campaign', write, call('org-a', 'k1'))).rejects.toMatchObject({ category: 'RATE_LIMITED', details: { retryAfterMs: 1_000 } });
    await expect(sut.execute('pause_campaign', write, call('org-a', 'k1'))).resolves.toBeDefined();
  });

  it('should derive CTR and average CPC from clicks, impressions and cost, like Google Ads', async () => {
    const { campaigns } = (await sut.execute('get_campaign_metrics', { customerId: '1234567890', dateRange: 'LAST_30_DAYS' }, call('org-a'))) as { campaigns: Record<string, number>[] };

    for (const c of campaigns) {
      expect(c.ctr).toBeCloseTo(c.clicks / c.impressions, 4);
      expect(c.averageCpcMicros).toBe(Math.round(c.costMicros / c.clicks));
    }
  });

  it('should answer only the campaigns asked for, under the customer id without dashes', async () => {
    const output = (await sut.execute('get_campaign_metrics', { customerId: '123-456-7890', campaignIds: ['21987654388'] }, call('org-a'))) as { customerId: string; campaigns: { campaignId: string }[] };

    expect(output.customerId).toBe('1234567890');
    expect(output.campaigns.map((c) => c.campaignId)).toEqual(['21987654388']);
  });
});
