import { TWILIO_DELIVERED_SID, TWILIO_FAKE_ACCOUNT, TWILIO_FAKE_AUTH_TOKEN, TWILIO_FAKE_FROM, TwilioFake } from '../../../../../test/support/fakes/twilio-fake';
import { runConnectorContract } from '../../../../../test/support/connectors/contract';
import { twilioConnector } from '.';

runConnectorContract(
  twilioConnector,
  [
    {
      action: 'send_sms',
      valid: [{ to: '+14155550123', body: 'Spring sale: 20% off until Sunday. Reply STOP to opt out.' }, { to: '+447700900123', body: 'New look', mediaUrl: 'https://cdn.example.com/banner.jpg' }],
      invalid: [{}, { to: '4155550123', body: 'no plus' }, { to: '+14155550123', body: '' }, { to: '+14155550123', body: 'x'.repeat(1601) }, { to: '+14155550123', body: 'hi', mediaUrl: 'http://insecure.example.com/a.jpg' }, { to: '+14155550123', body: 'hi', from: '+15005550006' }],
    },
    {
      action: 'get_message_status',
      valid: [{ sid: TWILIO_DELIVERED_SID }],
      invalid: [{}, { sid: 'SM123' }, { sid: `XX${'a'.repeat(32)}` }, { sid: 42 }],
    },
  ],
  {
    start: async () => {
      const fake = new TwilioFake();
      return {
        baseUrl: await fake.start(),
        secrets: { authToken: TWILIO_FAKE_AUTH_TOKEN },
        metadata: { accountSid: TWILIO_FAKE_ACCOUNT, fromNumber: TWILIO_FAKE_FROM },
        stop: () => fake.stop(),
      };
    },
  },
);
