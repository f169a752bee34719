import { SLACK_FAKE_TOKEN, SlackFake } from '../../../../../test/support/fakes/slack-fake';
import { runConnectorContract } from '../../../../../test/support/connectors/contract';
import { slackConnector } from '.';

runConnectorContract(
  slackConnector,
  [
    {
      action: 'send_message',
      valid: [{ channel: 'C02MARKETNG', text: 'Spring sale is live' }, { channel: '#marketing', text: 'Thread reply', threadTs: '1712340000.000100', unfurlLinks: false }],
      invalid: [{}, { channel: 'marketing', text: 'no # or id' }, { channel: 'C02MARKETNG', text: '' }, { channel: 'C02MARKETNG', text: 'x'.repeat(40_001) }, { channel: 'C02MARKETNG', text: 'hi', extra: 1 }],
    },
    {
      action: 'list_channels',
      valid: [{}, { limit: 2 }, { limit: 1000, includeArchived: true }],
      invalid: [{ limit: 0 }, { limit: 1001 }, { limit: '10' }, { cursor: '' }, { includeArchived: 'yes' }],
    },
    {
      action: 'list_recent_messages',
      valid: [{ channel: 'C02MARKETNG' }, { channel: 'C02MARKETNG', limit: 1, oldest: '1712000000.000000' }],
      invalid: [{}, { channel: '#marketing' }, { channel: 'C02MARKETNG', limit: 201 }, { channel: 'C02MARKETNG', oldest: 'yesterday' }],
    },
  ],
  {
    start: async () => {
      const fake = new SlackFake();
      return { baseUrl: await fake.start(), secrets: { accessToken: SLACK_FAKE_TOKEN }, metadata: {}, stop: () => fake.stop() };
    },
  },
);
