import { OUTLOOK_FAKE_TOKEN, OutlookFake } from '../../../../../test/support/fakes/outlook-fake';
import { runConnectorContract } from '../../../../../test/support/connectors/contract';
import { EMAIL_CONTRACT_INVALID, EMAIL_CONTRACT_VALID, LIST_CONTRACT_INVALID, LIST_CONTRACT_VALID } from '../../../../../test/support/connectors/email-contract-cases';
import { outlookConnector } from '.';

runConnectorContract(
  outlookConnector,
  [
    { action: 'send_email', valid: EMAIL_CONTRACT_VALID, invalid: EMAIL_CONTRACT_INVALID },
    { action: 'list_recent_messages', valid: LIST_CONTRACT_VALID, invalid: LIST_CONTRACT_INVALID },
  ],
  {
    start: async () => {
      const fake = new OutlookFake();
      return { baseUrl: await fake.start(), secrets: { accessToken: OUTLOOK_FAKE_TOKEN }, metadata: {}, stop: () => fake.stop() };
    },
  },
);
