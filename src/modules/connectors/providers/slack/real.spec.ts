import { callContext, realProviderDeps } from '../../../../../test/support/fakes/real-provider-deps';
import { SLACK_FAKE_TOKEN, SlackFake } from '../../../../../test/support/fakes/slack-fake';
import type { RealActions } from '../../connector-definition';
import { ConnectorError } from '../../connector-error';
import { slackReal } from './real';

const context = (accessToken = SLACK_FAKE_TOKEN) => callContext({ secrets: { accessToken } });
const failure = (promise: Promise<unknown>) => promise.then(() => undefined, (error: unknown) => error as ConnectorError);

describe(slackReal.name, () => {
  let fake: SlackFake;
  let sut: RealActions;
  /** The same provider with a short timeout, for the slow-answer cases. */
  let impatient: RealActions;

  beforeEach(async () => {
    fake = new SlackFake();
    const baseUrl = await fake.start();
    sut = slackReal(realProviderDeps(baseUrl, 'slack'));
    impatient = slackReal(realProviderDeps(baseUrl, 'slack', { timeoutMs: 200 }));
  });

  afterEach(() => fake.stop());

  describe('send_message', () => {
    it('should post JSON to chat.postMessage with the bot token and return the channel id and ts', async () => {
      const output = await sut.send_message({ channel: '#marketing', text: 'Spring sale is live', threadTs: '1712340000.000100' }, context());

      expect(output).toEqual({ channel: 'C02MARKETNG', ts: '1712345601.000100' });
      const [request] = fake.requests;
      expect([request.method, request.path, request.headers.authorization]).toEqual(['POST', '/api/chat.postMessage', `Bearer ${SLACK_FAKE_TOKEN}`]);
      expect(request.headers['content-type']).toBe('application/json');
      expect(JSON.parse(request.rawBody)).toEqual({ channel: '#marketing', text: 'Spring sale is live', thread_ts: '1712340000.000100' });
    });

    it('should not repeat a post when Slack answers 5xx (it may have landed)', async () => {
      fake.server.enqueue({ status: 503, body: 'upstream unavailable' });

      expect(await failure(sut.send_message({ channel: 'C02MARKETNG', text: 'hi' }, context()))).toMatchObject({ category: 'PROVIDER_UNAVAILABLE', details: { providerStatus: 503 } });
      expect(fake.requests).toHaveLength(1);
    });

    it('should give up with TIMEOUT after one slow attempt', async () => {
      fake.server.enqueue({ status: 200, delayMs: 3_000, body: { ok: true } });

      expect(await failure(impatient.send_message({ channel: 'C02MARKETNG', text: 'hi' }, context()))).toMatchObject({ category: 'TIMEOUT', details: { requestSent: true } });
      expect(fake.requests).toHaveLength(1);
    });

    it('should map a 429 with Retry-After to RATE_LIMITED carrying the delay', async () => {
      fake.rateLimitNext(3);

      expect(await failure(sut.send_message({ channel: 'C02MARKETNG', text: 'hi' }, context()))).toMatchObject({ category: 'RATE_LIMITED', retryable: true, details: { retryAfterMs: 3_000, providerStatus: 429 } });
    });

    it('should refuse without an access token before calling Slack', async () => {
      expect(await failure(sut.send_message({ channel: 'C02MARKETNG', text: 'hi' }, callContext()))).toMatchObject({ category: 'NOT_CONNECTED' });
      expect(fake.requests).toHaveLength(0);
    });
  });

  describe('list_channels', () => {
    it('should page through public channels with Slack cursors', async () => {
      const first = await sut.list_channels({ limit: 2 }, context());
      const second = await sut.list_channels({ limit: 2, cursor: (first as { nextCursor: string }).nextCursor }, context());

      expect(first).toEqual({
        channels: [
          { id: 'C01GENERAL', name: 'general', isPrivate: false, isArchived: false, memberCount: 128, topic: 'Company-wide announcements' },
          { id: 'C02MARKETNG', name: 'marketing', isPrivate: false, isArchived: false, memberCount: 42, topic: 'Campaigns and launches' },
        ],
        nextCursor: Buffer.from('offset:2').toString('base64'),
      });
      expect(second).toMatchObject({ channels: [{ id: 'C03SOCIALMD' }], nextCursor: '' });
      expect(Object.fromEntries(fake.requests[0].query)).toEqual({ types: 'public_channel', limit: '2', exclude_archived: 'true' });
      expect(fake.requests[0].headers.authorization).toBe(`Bearer ${SLACK_FAKE_TOKEN}`);
    });

    it('should retry a read once Slack recovers from a 5xx', async () => {
      fake.server.enqueue({ status: 502, body: 'bad gateway' });

      expect(await sut.list_channels({ includeArchived: true }, context())).toMatchObject({ channels: expect.arrayContaining([expect.objectContaining({ isArchived: true })]) });
      expect(fake.requests).toHaveLength(2);
    });

    it('should answer TIMEOUT when every attempt of a read is too slow', async () => {
      fake.server.enqueue(...[1, 2, 3].map(() => ({ status: 200, delayMs: 3_000, body: { ok: true } })));

      expect(await failure(impatient.list_channels({}, context()))).toMatchObject({ category: 'TIMEOUT' });
      expect(fake.requests).toHaveLength(3);
    });
  });

  describe('list_recent_messages', () => {
    it('should read conversations.history newest first, naming users or bots as authors', async () => {
      const output = await sut.list_recent_messages({ channel: 'C02MARKETNG', limit: 5 }, context());

      expect(output).toEqual({
        channel: 'C02MARKETNG',
        messages: [
          { ts: '1712343600.000200', author: 'B05NEONHUB', text: 'Weekly report: 12.4k impressions', replyCount: 0 },
          { ts: '1712340000.000100', author: 'U061F7AUR', text: 'Newsletter draft is ready for review', replyCount: 3 },
        ],
        hasMore: false,
      });
      expect(Object.fromEntries(fake.requests[0].query)).toEqual({ channel: 'C02MARKETNG', limit: '5' });
    });

    it('should send oldest when asked and report hasMore', async () => {
      expect(await sut.list_recent_messages({ channel: 'C02MARKETNG', limit: 1, oldest: '1712000000.000000' }, context())).toMatchObject({ hasMore: true, messages: [{ ts: '1712343600.000200' }] });
      expect(fake.requests[0].query.get('oldest')).toBe('1712000000.000000');
    });
  });

  describe('errors inside ok:false answers', () => {
    it.each([
      ['invalid_auth', 'REAUTH_REQUIRED'],
      ['token_revoked', 'REAUTH_REQUIRED'],
      ['token_expired', 'AUTH_EXPIRED'],
      ['missing_scope', 'PERMISSION_DENIED'],
      ['not_in_channel', 'PERMISSION_DENIED'],
      ['channel_not_found', 'NOT_FOUND'],
      ['is_archived', 'CONFLICT'],
      ['ratelimited', 'RATE_LIMITED'],
      ['internal_error', 'PROVIDER_UNAVAILABLE'],
      ['some_future_error', 'INVALID_INPUT'],
    ])('should map %s to %s', async (code, category) => {
      fake.failNextWith(code);

      const error = await failure(sut.list_recent_messages({ channel: 'C02MARKETNG' }, context()));

      expect(error).toBeInstanceOf(ConnectorError);
      expect(error).toMatchObject({ category, message: `slack: Slack answered ${code}` });
    });

    it('should answer REAUTH_REQUIRED when Slack rejects the token itself', async () => {
      expect(await failure(sut.list_channels({}, context('xoxb-revoked')))).toMatchObject({ category: 'REAUTH_REQUIRED', retryable: false });
    });

    it('should answer NOT_FOUND for an unknown channel', async () => {
      expect(await failure(sut.send_message({ channel: 'C99UNKNOWN', text: 'hi' }, context()))).toMatchObject({ category: 'NOT_FOUND' });
    });
  });
});
