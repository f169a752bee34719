import { OUTLOOK_FAKE_TOKEN, OutlookFake } from '../../../../../test/support/fakes/outlook-fake';
import { callContext, realProviderDeps } from '../../../../../test/support/fakes/real-provider-deps';
import type { RealActions } from '../../connector-definition';
import type { ConnectorError } from '../../connector-error';
import { outlookReal } from './real';

const context = (accessToken = OUTLOOK_FAKE_TOKEN) => callContext({ secrets: { accessToken }, idempotencyKey: 'run-7:2' });
const failure = (promise: Promise<unknown>) => promise.then(() => undefined, (error: unknown) => error as ConnectorError);
const email = { to: ['jane@example.com'], cc: ['ops@example.com'], subject: 'Spring sale', text: 'Our spring sale is live.', html: '<p>Our <b>spring</b> sale is live.</p>', replyTo: 'care@brand.example' };

describe(outlookReal.name, () => {
  let fake: OutlookFake;
  let sut: RealActions;
  /** Gives up after 200 ms, for the slow answers; `sut` is patient so a cold start never flakes. */
  let impatient: RealActions;

  beforeEach(async () => {
    fake = new OutlookFake();
    const baseUrl = await fake.start();
    sut = outlookReal(realProviderDeps(baseUrl, 'outlook', { timeoutMs: 5_000 }));
    impatient = outlookReal(realProviderDeps(baseUrl, 'outlook', { timeoutMs: 200 }));
  });

  afterEach(() => fake.stop());

  describe('send_email', () => {
    it('should post the message to sendMail with the bearer token and return Graph request id', async () => {
      const output = await sut.send_email(email, context());

      const [request] = fake.requests;
      expect([request.method, request.path, request.headers.authorization]).toEqual(['POST', '/v1.0/me/sendMail', `Bearer ${OUTLOOK_FAKE_TOKEN}`]);
      expect(request.headers['client-request-id']).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(JSON.parse(request.rawBody)).toEqual({
        message: {
          subject: 'Spring sale',
          body: { contentType: 'HTML', content: email.html },
          toRecipients: [{ emailAddress: { address: 'jane@example.com' } }],
          ccRecipients: [{ emailAddress: { address: 'ops@example.com' } }],
          replyTo: [{ emailAddress: { address: 'care@brand.example' } }],
        },
        saveToSentItems: true,
      });
      expect(output).toEqual({ accepted: true, requestId: fake.sent[0].requestId });
    });

    it('should send a text-only email as a Text body, with the same client-request-id for the same tool call', async () => {
      await sut.send_email({ to: ['jane@example.com'], subject: 'Plain', text: 'Just text' }, context());
      await sut.send_email({ to: ['jane@example.com'], subject: 'Plain', text: 'Just text' }, context());

      expect(fake.sent[0].message.body).toEqual({ contentType: 'Text', content: 'Just text' });
      expect(fake.requests[0].headers['client-request-id']).toBe(fake.requests[1].headers['client-request-id']);
    });

    it('should not repeat a send when Graph answers 5xx', async () => {
      fake.failNextWith(503, 'ServiceNotAvailable');

      expect(await failure(sut.send_email(email, context()))).toMatchObject({ category: 'PROVIDER_UNAVAILABLE', details: { providerStatus: 503, requestSent: true } });
      expect(fake.requests).toHaveLength(1);
    });

    it('should give up with TIMEOUT after one slow attempt', async () => {
      fake.server.enqueue({ status: 202, delayMs: 2_000 });

      expect(await failure(impatient.send_email(email, context()))).toMatchObject({ category: 'TIMEOUT', details: { requestSent: true } });
      expect(fake.requests).toHaveLength(1);
    });

    it('should map a 429 with Retry-After to RATE_LIMITED carrying the delay', async () => {
      fake.throttleNext(12);

      expect(await failure(sut.send_email(email, context()))).toMatchObject({ category: 'RATE_LIMITED', details: { retryAfterMs: 12_000, providerStatus: 429 } });
    });

    it.each([
      [401, 'InvalidAuthenticationToken', 'AUTH_EXPIRED'],
      [403, 'ErrorSendAsDenied', 'PERMISSION_DENIED'],
      [403, 'ErrorExceededMessageLimit', 'QUOTA_EXCEEDED'],
      [400, 'ErrorInvalidRecipients', 'INVALID_INPUT'],
      [404, 'MailboxNotEnabledForRESTAPI', 'PERMISSION_DENIED'],
    ])('should map %i %s to %s, naming the code but not quoting Graph', async (status, code, category) => {
      fake.failNextWith(status, code);

      const error = await failure(sut.send_email(email, context()));

      expect(error).toMatchObject({ category, details: { providerStatus: status } });
      expect(error?.message).toContain(code);
      expect(error?.message).not.toContain('fake');
    });

    it('should refuse without an access token before calling Graph', async () => {
      expect(await failure(sut.send_email(email, callContext()))).toMatchObject({ category: 'NOT_CONNECTED' });
      expect(fake.requests).toHaveLength(0);
    });
  });

  describe('list_recent_messages', () => {
    it('should read the newest messages with $top, $select and $orderby', async () => {
      const output = await sut.list_recent_messages({ maxResults: 2 }, context());

      expect(output).toEqual({
        messages: [
          { id: 'AAMkAGI2THVSAAA3=', conversationId: 'AAQkAGI2THVSCCC3=', from: 'Jane Doe <jane@example.com>', subject: 'Re: Spring collection', receivedAt: '2025-03-04T09:15:00Z', preview: 'Thanks, the new lookbook looks great', isRead: false },
          { id: 'AAMkAGI2THVSAAA2=', conversationId: 'AAQkAGI2THVSCCC2=', from: 'Shop <orders@shop.example>', subject: 'Order #1042 confirmed', receivedAt: '2025-03-03T17:42:00Z', preview: 'Your order of 3 items has been confirmed', isRead: true },
        ],
      });
      expect(Object.fromEntries(fake.requests[0].query)).toEqual({ $top: '2', $select: 'id,conversationId,subject,from,receivedDateTime,bodyPreview,isRead', $orderby: 'receivedDateTime desc' });
    });

    it('should search with $search (quoted) and without $orderby, which Graph refuses alongside it', async () => {
      const output = await sut.list_recent_messages({ query: 'from:alex@agency.example' }, context());

      expect(output).toMatchObject({ messages: [{ subject: 'Newsletter draft for review' }] });
      expect(fake.requests[0].query.get('$search')).toBe('"from:alex@agency.example"');
      expect(fake.requests[0].query.has('$orderby')).toBe(false);
    });

    it('should retry a read once Graph recovers from a 5xx', async () => {
      fake.failNextWith(502, 'UnknownError');

      expect(await sut.list_recent_messages({ maxResults: 1 }, context())).toMatchObject({ messages: [{ id: 'AAMkAGI2THVSAAA3=' }] });
      expect(fake.requests).toHaveLength(2);
    });

    it('should end with TIMEOUT when every attempt of a read is too slow', async () => {
      const slow = { status: 200, delayMs: 2_000, body: { value: [] } };
      fake.server.enqueue(slow, slow, slow);

      expect(await failure(impatient.list_recent_messages({}, context()))).toMatchObject({ category: 'TIMEOUT' });
      expect(fake.requests).toHaveLength(3);
    });
  });
});
