import { runConnectorContract } from '../../../../../test/support/connectors/contract';
import { googleAdsConnector } from './index';

// Mock only: the contract proves its validation and its answers' shape; a real provider will join it with a local peer.
runConnectorContract(googleAdsConnector, [
    {
      action: 'get_campaign_metrics',
      valid: [{ customerId: '123-456-7890' }, { customerId: '1234567890', dateRange: 'LAST_30_DAYS', campaignIds: ['21987654321', '21987654402'] }],
      invalid: [{}, { customerId: '12345' }, { customerId: '1234567890', dateRange: 'LAST_90_DAYS' }, { customerId: '1234567890', campaignIds: [] }, { customerId: '1234567890', campaignIds: ['Spring'] }, { customerId: '1234567890', query: 'SELECT campaign.id FROM campaign' }],
    },
    {
      action: 'pause_campaign',
      valid: [{ customerId: '123-456-7890', campaignId: '21987654321' }],
      invalid: [{}, { customerId: '123-456-7890' }, { customerId: '123-456-7890', campaignId: 'customers/1234567890/campaigns/1' }, { customerId: '123-456-7890', campaignId: '1', status: 'REMOVED' }],
    },
    {
      action: 'get_campaign_budget',
      valid: [{ customerId: '123-456-7890', campaignId: '21987654321' }, { customerId: '1234567890', campaignId: '21987654402' }],
      invalid: [{}, { customerId: '123-456-7890' }, { customerId: '12345', campaignId: '21987654321' }, { customerId: '123-456-7890', campaignId: 'Spring' }, { customerId: '123-456-7890', campaignId: '21987654321', amountMicros: 1 }],
    },
    {
      action: 'update_campaign_budget',
      valid: [{ customerId: '123-456-7890', campaignId: '21987654321', amountMicros: 165_000_000 }, { customerId: '1234567890', campaignId: '21987654388', amountMicros: 10_000 }],
      invalid: [
        { customerId: '123-456-7890', campaignId: '21987654321' },
        { customerId: '123-456-7890', campaignId: '21987654321', amountMicros: 0 },
        { customerId: '123-456-7890', campaignId: '21987654321', amountMicros: -150_000_000 },
        { customerId: '123-456-7890', campaignId: '21987654321', amountMicros: 150_000_000.5 },
        { customerId: '123-456-7890', campaignId: '21987654321', amountMicros: 150_000_001 },
        { customerId: '123-456-7890', campaignId: '21987654321', amountMicros: '150000000' },
        { customerId: '123-456-7890', campaignId: '21987654321', amountMicros: 2 ** 60 },
        { customerId: '123-456-7890', amountMicros: 150_000_000 },
      ],
    },
]);
