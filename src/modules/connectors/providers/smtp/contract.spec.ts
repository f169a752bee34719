import { SMTP_FAKE_CREDENTIALS, SmtpFake } from '../../../../../test/support/fakes/smtp-fake';
import { runConnectorContract } from '../../../../../test/support/connectors/contract';
import { EMAIL_CONTRACT_INVALID, EMAIL_CONTRACT_VALID } from '../../../../../test/support/connectors/email-contract-cases';
import { smtpConnector } from '.';

runConnectorContract(
  smtpConnector,
  [
    { action: 'send_email', valid: EMAIL_CONTRACT_VALID, invalid: EMAIL_CONTRACT_INVALID },
    { action: 'verify_connection', valid: [{}, { authenticate: false }], invalid: [{ authenticate: 'no' }, { host: 'smtp.other.example' }, { password: 'secret' }] },
  ],
  {
    start: async () => {
      const fake = new SmtpFake();
      const { host, port } = await fake.start();
      return {
        // SMTP servers belong to each organization: the connection's metadata points at the peer.
        baseUrl: `smtp://${host}:${port}`,
        secrets: { password: SMTP_FAKE_CREDENTIALS.password },
        metadata: { host, port: String(port), secure: 'false', username: SMTP_FAKE_CREDENTIALS.username, fromAddress: 'news@brand.example' },
        stop: () => fake.stop(),
      };
    },
  },
);
