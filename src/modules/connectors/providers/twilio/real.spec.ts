import { callContext, realProviderDeps } from '../../../../../test/support/fakes/real-provider-deps';
import {
  TWILIO_DELIVERED_SID,
  TWILIO_FAKE_ACCOUNT,
  TWILIO_FAKE_AUTH_TOKEN,
  TWILIO_FAKE_FROM,
  TWILIO_LANDLINE,
  TWILIO_OPTED_OUT,
  TwilioFake,
} from '../../../../../test/support/fakes/twilio-fake';
import type { RealActions } from '../../connector-definition';
import type { ConnectorError } from '../../connector-error';
import { twilioReal } from './real';

const context = (authToken = TWILIO_FAKE_AUTH_TOKEN, idempotencyKey = 'run-3:1') =>
  callContext({ secrets: { authToken }, metadata: { accountSid: TWILIO_FAKE_ACCOUNT, fromNumber: TWILIO_FAKE_FROM }, idempotencyKey });
const failure = (promise: Promise<unknown>) => promise.then(() => undefined, (error: unknown) => error as ConnectorError);
const basic = `Basic ${Buffer.from(`${TWILIO_FAKE_ACCOUNT}:${TWILIO_FAKE_AUTH_TOKEN}`).toString('base64')}`;
/** What the provider created, without the message the fake starts with. */
const sent = (fake: TwilioFake) => [...fake.messages.values()].filter((m) => m.sid !== TWILIO_DELIVERED_SID);
const sms = { to: '+14155550123', body: 'Spring sale: 20% off until Sunday. Reply STOP to opt out.' };

describe(twilioReal.name, () => {
  let fake: TwilioFake;
  let sut: RealActions;
  /** The same provider with a short timeout, for the slow-answer cases. */
  let impatient: RealActions;

  beforeEach(async () => {
    fake = new TwilioFake();
    const baseUrl = await fake.start();
    sut = twilioReal(realProviderDeps(baseUrl, 'twilio'));
    impatient = twilioReal(realProviderDeps(baseUrl, 'twilio', { timeoutMs: 200 }));
  });

  afterEach(() => fake.stop());

  describe('send_sms', () => {
    it('should post a form with basic auth and the idempotency token, and parse the created message', async () => {
      const output = await sut.send_sms({ ...sms, mediaUrl: 'https://cdn.example.com/banner.jpg' }, context());

      const [created] = sent(fake);
      expect(output).toEqual({ sid: created.sid, status: 'queued', to: sms.to, from: TWILIO_FAKE_FROM, numSegments: 1 });
      expect(created.sid).toMatch(/^MM[0-9a-f]{32}$/);
      const [request] = fake.requests;
      expect([request.method, request.path]).toEqual(['POST', `/2010-04-01/Accounts/${TWILIO_FAKE_ACCOUNT}/Messages.json`]);
      expect(request.headers).toMatchObject({ authorization: basic, 'content-type': 'application/x-www-form-urlencoded', 'i-twilio-idempotency-token': 'run-3:1' });
      expect(Object.fromEntries(new URLSearchParams(request.rawBody))).toEqual({ To: sms.to, From: TWILIO_FAKE_FROM, Body: sms.body, MediaUrl: 'https://cdn.example.com/banner.jpg' });
    });

    it('should retry a send after a 5xx with the same idempotency token', async () => {
      fake.server.enqueue({ status: 503, body: { code: 20500, message: 'Internal Server Error', status: 503 } });

      expect(await sut.send_sms(sms, context())).toMatchObject({ status: 'queued' });
      expect(fake.requests.map((r) => r.headers['i-twilio-idempotency-token'])).toEqual(['run-3:1', 'run-3:1']);
      expect(sent(fake)).toHaveLength(1);
    });

    it('should send a message once when the same idempotency token is used again', async () => {
      const first = await sut.send_sms(sms, context());

      expect(await sut.send_sms(sms, context())).toEqual(first);
      expect(sent(fake)).toHaveLength(1);
    });

    it('should retry a send that timed out, because Twilio deduplicates it', async () => {
      fake.server.enqueue({ status: 201, delayMs: 3_000, body: {} });

      expect(await impatient.send_sms(sms, context())).toMatchObject({ status: 'queued' });
      expect(fake.requests).toHaveLength(2);
    });

    it('should answer TIMEOUT when every attempt is too slow', async () => {
      fake.server.enqueue(...[1, 2, 3].map(() => ({ status: 201, delayMs: 3_000, body: {} })));

      expect(await failure(impatient.send_sms(sms, context()))).toMatchObject({ category: 'TIMEOUT' });
      expect(fake.requests).toHaveLength(3);
    });

    it('should map a 429 to RATE_LIMITED, with Retry-After when Twilio sends one', async () => {
      fake.rateLimitNext(2);
      fake.rateLimitNext();

      expect(await failure(sut.send_sms(sms, context()))).toMatchObject({ category: 'RATE_LIMITED', details: { retryAfterMs: 2_000, providerStatus: 429 } });
      expect(await failure(sut.send_sms(sms, context()))).toMatchObject({ category: 'RATE_LIMITED', details: { retryAfterMs: 1_000 } });
    });

    it.each([
      [TWILIO_LANDLINE, 'INVALID_INPUT', 21614],
      [TWILIO_OPTED_OUT, 'PERMISSION_DENIED', 21610],
    ])('should map the answer for %s to %s without quoting the number', async (to, category, code) => {
      const error = await failure(sut.send_sms({ to, body: 'hi' }, context()));

      expect(error).toMatchObject({ category, retryable: false, message: `twilio: Twilio answered 400 (error ${code})` });
    });

    it('should answer REAUTH_REQUIRED when Twilio rejects the auth token', async () => {
      expect(await failure(sut.send_sms(sms, context('rotated-token')))).toMatchObject({ category: 'REAUTH_REQUIRED', details: { providerStatus: 401 } });
    });

    it('should refuse without an account SID or sender before calling Twilio', async () => {
      expect(await failure(sut.send_sms(sms, callContext({ secrets: { authToken: TWILIO_FAKE_AUTH_TOKEN } })))).toMatchObject({ category: 'NOT_CONNECTED' });
      expect(await failure(sut.send_sms(sms, callContext({ secrets: { authToken: TWILIO_FAKE_AUTH_TOKEN }, metadata: { accountSid: TWILIO_FAKE_ACCOUNT } })))).toMatchObject({ category: 'NOT_CONNECTED' });
      expect(fake.requests).toHaveLength(0);
    });
  });

  describe('get_message_status', () => {
    it('should read the message with basic auth and parse its delivery status', async () => {
      const { sid } = (await sut.send_sms(sms, context())) as { sid: string };

      expect(await sut.get_message_status({ sid }, context())).toEqual({ sid, status: 'delivered', errorCode: null, errorMessage: null, numSegments: 1 });
      expect(fake.requests[1]).toMatchObject({ method: 'GET', path: `/2010-04-01/Accounts/${TWILIO_FAKE_ACCOUNT}/Messages/${sid}.json`, headers: { authorization: basic } });
    });

    it('should pass on the error code of an undelivered message', async () => {
      const { sid } = (await sut.send_sms(sms, context())) as { sid: string };
      Object.assign(fake.messages.get(sid)!, { status: 'undelivered', error_code: 30003, error_message: 'Unreachable destination handset' });

      expect(await sut.get_message_status({ sid }, context())).toMatchObject({ status: 'undelivered', errorCode: 30003, errorMessage: 'Unreachable destination handset' });
    });

    it('should retry a read after a 5xx', async () => {
      const { sid } = (await sut.send_sms(sms, context())) as { sid: string };
      fake.server.enqueue({ status: 500, body: { code: 20500, message: 'Internal Server Error', status: 500 } });

      expect(await sut.get_message_status({ sid }, context())).toMatchObject({ status: 'delivered' });
      expect(fake.requests).toHaveLength(3);
    });

    it('should map an unknown SID to NOT_FOUND', async () => {
      expect(await failure(sut.get_message_status({ sid: `SM${'0'.repeat(32)}` }, context()))).toMatchObject({ category: 'NOT_FOUND' });
    });
  });
});
