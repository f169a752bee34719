import { GMAIL_FAKE_TOKEN, GmailFake } from '../../../../../test/support/fakes/gmail-fake';
import { callContext, realProviderDeps } from '../../../../../test/support/fakes/real-provider-deps';
import type { RealActions } from '../../connector-definition';
import type { ConnectorError } from '../../connector-error';
import { gmailReal } from './real';

const context = (accessToken = GMAIL_FAKE_TOKEN) => callContext({ secrets: { accessToken, refreshToken: '1//fake-refresh' } });
const failure = (promise: Promise<unknown>) => promise.then(() => undefined, (error: unknown) => error as ConnectorError);
const email = { to: ['jane@example.com'], cc: ['ops@example.com'], subject: 'Spring sale — 20 % off ✿', text: 'Our spring sale is live. ☀', html: '<p>Our <b>spring</b> sale is live.</p>', replyTo: 'care@brand.example' };

describe(gmailReal.name, () => {
  let fake: GmailFake;
  let sut: RealActions;
  /** Gives up after 200 ms, for the slow answers; `sut` is patient so a cold start never flakes. */
  let impatient: RealActions;

  beforeEach(async () => {
    fake = new GmailFake();
    const baseUrl = await fake.start();
    sut = gmailReal(realProviderDeps(baseUrl, 'gmail', { timeoutMs: 5_000 }));
    impatient = gmailReal(realProviderDeps(baseUrl, 'gmail', { timeoutMs: 200 }));
  });

  afterEach(() => fake.stop());

  describe('send_email', () => {
    it('should post the RFC 822 message base64url-encoded with the bearer token and return the ids', async () => {
      const output = await sut.send_email(email, context());

      expect(output).toEqual({ id: fake.sent[0].id, threadId: fake.sent[0].id, labelIds: ['SENT'] });
      const [request] = fake.requests;
      expect([request.method, request.path, request.headers.authorization]).toEqual(['POST', '/gmail/v1/users/me/messages/send', `Bearer ${GMAIL_FAKE_TOKEN}`]);
      expect(request.headers['content-type']).toBe('application/json');
      const { raw } = JSON.parse(request.rawBody) as { raw: string };
      expect(raw).toMatch(/^[A-Za-z0-9_-]+$/);
      const [sent] = fake.sent;
      expect(sent.headers).toMatchObject({ to: 'jane@example.com', cc: 'ops@example.com', 'reply-to': 'care@brand.example', subject: email.subject });
      expect(sent.headers.from).toBeUndefined();
      expect([sent.text, sent.html]).toEqual([email.text, email.html]);
    });

    it('should not repeat a send when Gmail answers 5xx: there is no idempotency key, it may have landed', async () => {
      fake.failNextWith(503, 'UNAVAILABLE', 'backendError');

      expect(await failure(sut.send_email(email, context()))).toMatchObject({ category: 'PROVIDER_UNAVAILABLE', details: { providerStatus: 503, requestSent: true } });
      expect(fake.requests).toHaveLength(1);
    });

    it('should give up with TIMEOUT after one slow attempt, marked as possibly sent', async () => {
      fake.server.enqueue({ status: 200, delayMs: 2_000, body: { id: 'late', threadId: 'late', labelIds: ['SENT'] } });

      expect(await failure(impatient.send_email(email, context()))).toMatchObject({ category: 'TIMEOUT', details: { requestSent: true } });
      expect(fake.requests).toHaveLength(1);
    });

    it('should map a 429 with Retry-After in seconds to RATE_LIMITED carrying the delay', async () => {
      fake.rateLimitNext('7');

      expect(await failure(sut.send_email(email, context()))).toMatchObject({ category: 'RATE_LIMITED', retryable: true, details: { retryAfterMs: 7_000, providerStatus: 429 } });
    });

    it('should read a Retry-After given as an HTTP date', async () => {
      const header = new Date(Date.now() + 30_000).toUTCString();
      fake.rateLimitNext(header);

      const before = Date.now();
      const error = await failure(sut.send_email(email, context()));
      const after = Date.now();

      expect(error?.category).toBe('RATE_LIMITED');
      // Measured from whenever the answer was read, which lies between `before` and `after`.
      expect(error?.details.retryAfterMs).toBeGreaterThanOrEqual(Date.parse(header) - after);
      expect(error?.details.retryAfterMs).toBeLessThanOrEqual(Date.parse(header) - before);
    });

    it.each([
      [401, 'UNAUTHENTICATED', 'authError', 'AUTH_EXPIRED'],
      [403, 'PERMISSION_DENIED', 'rateLimitExceeded', 'RATE_LIMITED'],
      [403, 'PERMISSION_DENIED', 'userRateLimitExceeded', 'RATE_LIMITED'],
      [403, 'PERMISSION_DENIED', 'quotaExceeded', 'QUOTA_EXCEEDED'],
      [403, 'PERMISSION_DENIED', 'dailyLimitExceeded', 'QUOTA_EXCEEDED'],
      [403, 'PERMISSION_DENIED', 'insufficientPermissions', 'PERMISSION_DENIED'],
      [400, 'INVALID_ARGUMENT', 'invalidArgument', 'INVALID_INPUT'],
      [400, 'INVALID_ARGUMENT', 'invalid', 'INVALID_INPUT'],
    ])('should map %i %s/%s to %s, naming the reason but not quoting Google', async (code, status, reason, category) => {
      fake.failNextWith(code, status, reason);

      const error = await failure(sut.send_email(email, context()));

      expect(error).toMatchObject({ category, details: { providerStatus: code } });
      expect(error?.message).toContain(reason);
      expect(error?.message).not.toContain('fake');
    });

    it('should answer an unknown token with AUTH_EXPIRED so the token gets refreshed', async () => {
      expect(await failure(sut.send_email(email, context('ya29.revoked')))).toMatchObject({ category: 'AUTH_EXPIRED', details: { providerStatus: 401 } });
    });

    it('should refuse without an access token before calling Gmail', async () => {
      expect(await failure(sut.send_email(email, callContext()))).toMatchObject({ category: 'NOT_CONNECTED' });
      expect(fake.requests).toHaveLength(0);
    });
  });

  describe('list_recent_messages', () => {
    it('should list ids, then get each in metadata format, newest first', async () => {
      const output = await sut.list_recent_messages({ maxResults: 2, query: 'in:inbox' }, context());

      expect(output).toEqual({
        messages: [
          { id: '18e1c0ffee000003', threadId: '18e1c0ffee000003', from: 'Jane Doe <jane@example.com>', subject: 'Re: Spring collection', date: '2025-03-04T09:15:00.000Z', snippet: 'Thanks, the new lookbook looks great', labelIds: ['INBOX', 'UNREAD'] },
          { id: '18e1c0ffee000002', threadId: '18e1c0ffee000002', from: 'Shop <orders@shop.example>', subject: 'Order #1042 confirmed', date: '2025-03-03T17:42:00.000Z', snippet: 'Your order of 3 items has been confirmed', labelIds: ['INBOX', 'CATEGORY_UPDATES'] },
        ],
        resultSizeEstimate: 3,
      });
      const [list, ...gets] = fake.requests;
      expect([list.path, Object.fromEntries(list.query)]).toEqual(['/gmail/v1/users/me/messages', { maxResults: '2', q: 'in:inbox' }]);
      expect(gets.map((g) => [g.path, g.query.get('format'), g.query.getAll('metadataHeaders'), g.headers.authorization])).toEqual([
        ['/gmail/v1/users/me/messages/18e1c0ffee000003', 'metadata', ['From', 'Subject'], `Bearer ${GMAIL_FAKE_TOKEN}`],
        ['/gmail/v1/users/me/messages/18e1c0ffee000002', 'metadata', ['From', 'Subject'], `Bearer ${GMAIL_FAKE_TOKEN}`],
      ]);
    });

    it('should answer an empty mailbox (Gmail omits `messages`) with no messages and no gets', async () => {
      expect(await sut.list_recent_messages({ query: 'from:nobody@nowhere.example' }, context())).toEqual({ messages: [], resultSizeEstimate: 0 });
      expect(fake.requests).toHaveLength(1);
    });

    it('should retry a read once Gmail recovers from a 5xx', async () => {
      fake.failNextWith(503, 'UNAVAILABLE', 'backendError');

      expect(await sut.list_recent_messages({ maxResults: 1 }, context())).toMatchObject({ messages: [{ id: '18e1c0ffee000003' }] });
      expect(fake.requests.map((r) => r.path)).toEqual(['/gmail/v1/users/me/messages', '/gmail/v1/users/me/messages', '/gmail/v1/users/me/messages/18e1c0ffee000003']);
    });

    it('should end with TIMEOUT when every attempt of a read is too slow', async () => {
      const slow = { status: 200, delayMs: 2_000, body: { resultSizeEstimate: 0 } };
      fake.server.enqueue(slow, slow, slow);

      expect(await failure(impatient.list_recent_messages({}, context()))).toMatchObject({ category: 'TIMEOUT' });
      expect(fake.requests).toHaveLength(3);
    });

    it('should map a 403 rateLimitExceeded on a read to RATE_LIMITED without retrying it blindly', async () => {
      fake.failNextWith(403, 'PERMISSION_DENIED', 'rateLimitExceeded');

      expect(await failure(sut.list_recent_messages({}, context()))).toMatchObject({ category: 'RATE_LIMITED', retryable: true, details: { retryAfterMs: 1_000 } });
      expect(fake.requests).toHaveLength(1);
    });
  });
});
