import { GMAIL_FAKE_TOKEN, GmailFake } from '../../../../../test/support/fakes/gmail-fake';
import { runConnectorContract } from '../../../../../test/support/connectors/contract';
import { EMAIL_CONTRACT_INVALID, EMAIL_CONTRACT_VALID, LIST_CONTRACT_INVALID, LIST_CONTRACT_VALID } from '../../../../../test/support/connectors/email-contract-cases';
import { gmailConnector } from '.';

runConnectorContract(
  gmailConnector,
  [
    { action: 'send_email', valid: EMAIL_CONTRACT_VALID, invalid: EMAIL_CONTRACT_INVALID },
    { action: 'list_recent_messages', valid: LIST_CONTRACT_VALID, invalid: LIST_CONTRACT_INVALID },
  ],
  {
    start: async () => {
      const fake = new GmailFake();
      return { baseUrl: await fake.start(), secrets: { accessToken: GMAIL_FAKE_TOKEN }, metadata: {}, stop: () => fake.stop() };
    },
  },
);
