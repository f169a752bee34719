import { DISCORD_FAKE_CHANNEL, DISCORD_FAKE_TOKEN, DISCORD_READ_ONLY_CHANNEL, DiscordFake } from '../../../../../test/support/fakes/discord-fake';
import { callContext, realProviderDeps } from '../../../../../test/support/fakes/real-provider-deps';
import type { RealActions } from '../../connector-definition';
import type { ConnectorError } from '../../connector-error';
import { discordReal } from './real';

const context = (botToken = DISCORD_FAKE_TOKEN, idempotencyKey = 'run-1:0') => callContext({ secrets: { botToken }, idempotencyKey });
const failure = (promise: Promise<unknown>) => promise.then(() => undefined, (error: unknown) => error as ConnectorError);

describe(discordReal.name, () => {
  let fake: DiscordFake;
  let sut: RealActions;
  /** The same provider with a short timeout, for the slow-answer cases. */
  let impatient: RealActions;

  beforeEach(async () => {
    fake = new DiscordFake();
    const baseUrl = await fake.start();
    sut = discordReal(realProviderDeps(baseUrl, 'discord'));
    impatient = discordReal(realProviderDeps(baseUrl, 'discord', { timeoutMs: 200 }));
  });

  afterEach(() => fake.stop());

  describe('send_message', () => {
    it('should post the message as the bot and return it with an ISO timestamp', async () => {
      const output = await sut.send_message({ channelId: DISCORD_FAKE_CHANNEL, content: 'New drop Friday!', replyToMessageId: '1187654321098765001' }, context());

      expect(output).toEqual({ id: '1187654321098765003', channelId: DISCORD_FAKE_CHANNEL, author: 'NeonHub', content: 'New drop Friday!', timestamp: '2025-01-01T09:03:00.000Z' });
      const [request] = fake.requests;
      expect([request.method, request.path, request.headers.authorization]).toEqual(['POST', `/api/v10/channels/${DISCORD_FAKE_CHANNEL}/messages`, `Bot ${DISCORD_FAKE_TOKEN}`]);
      expect(JSON.parse(request.rawBody)).toEqual({
        content: 'New drop Friday!',
        tts: false,
        allowed_mentions: { parse: [] },
        message_reference: { message_id: '1187654321098765001', fail_if_not_exists: false },
        nonce: expect.stringMatching(/^[0-9a-f]{25}$/),
        enforce_nonce: true,
      });
    });

    it('should derive the nonce from the idempotency key, so Discord returns the first message for a repeat', async () => {
      const first = await sut.send_message({ channelId: DISCORD_FAKE_CHANNEL, content: 'once' }, context(DISCORD_FAKE_TOKEN, 'run-7:2'));
      const again = await sut.send_message({ channelId: DISCORD_FAKE_CHANNEL, content: 'once' }, context(DISCORD_FAKE_TOKEN, 'run-7:2'));

      expect(again).toEqual(first);
      expect(fake.messages.get(DISCORD_FAKE_CHANNEL)!.filter((m) => m.content === 'once')).toHaveLength(1);
    });

    it('should not repeat a post when Discord answers 5xx', async () => {
      fake.server.enqueue({ status: 502, body: { message: '502: Bad Gateway', code: 0 } });

      expect(await failure(sut.send_message({ channelId: DISCORD_FAKE_CHANNEL, content: 'hi' }, context()))).toMatchObject({ category: 'PROVIDER_UNAVAILABLE' });
      expect(fake.requests).toHaveLength(1);
    });

    it('should give up with TIMEOUT after one slow attempt', async () => {
      fake.server.enqueue({ status: 200, delayMs: 3_000, body: {} });

      expect(await failure(impatient.send_message({ channelId: DISCORD_FAKE_CHANNEL, content: 'hi' }, context()))).toMatchObject({ category: 'TIMEOUT' });
      expect(fake.requests).toHaveLength(1);
    });

    it('should map Missing Permissions (50013) to PERMISSION_DENIED', async () => {
      expect(await failure(sut.send_message({ channelId: DISCORD_READ_ONLY_CHANNEL, content: 'hi' }, context()))).toMatchObject({ category: 'PERMISSION_DENIED', message: 'discord: Discord answered 403 (code 50013)' });
    });

    it('should map Invalid Form Body (50035) to INVALID_INPUT', async () => {
      expect(await failure(sut.send_message({ channelId: DISCORD_FAKE_CHANNEL, content: 'x'.repeat(2001) }, context()))).toMatchObject({ category: 'INVALID_INPUT', retryable: false });
    });
  });

  describe('list_recent_messages', () => {
    it('should read the channel newest first with limit and before', async () => {
      const output = await sut.list_recent_messages({ channelId: DISCORD_FAKE_CHANNEL, limit: 10, before: '1187654321098765002' }, context());

      expect(output).toEqual({
        channelId: DISCORD_FAKE_CHANNEL,
        messages: [{ id: '1187654321098765001', channelId: DISCORD_FAKE_CHANNEL, author: 'maya.designs', content: 'Loving the teaser! When does it drop?', timestamp: '2025-01-01T09:01:00.000Z' }],
      });
      expect(Object.fromEntries(fake.requests[0].query)).toEqual({ limit: '10', before: '1187654321098765002' });
      expect(fake.requests[0].headers.authorization).toBe(`Bot ${DISCORD_FAKE_TOKEN}`);
    });

    it('should retry a read after a 5xx', async () => {
      fake.server.enqueue({ status: 503, body: { message: 'upstream connect error', code: 0 } });

      expect(await sut.list_recent_messages({ channelId: DISCORD_FAKE_CHANNEL }, context())).toMatchObject({ messages: [{ author: 'kev_runs' }, { author: 'maya.designs' }] });
      expect(fake.requests).toHaveLength(2);
    });

    it('should answer TIMEOUT when every attempt of a read is too slow', async () => {
      fake.server.enqueue(...[1, 2, 3].map(() => ({ status: 200, delayMs: 3_000, body: [] })));

      expect(await failure(impatient.list_recent_messages({ channelId: DISCORD_FAKE_CHANNEL }, context()))).toMatchObject({ category: 'TIMEOUT' });
      expect(fake.requests).toHaveLength(3);
    });

    it("should take the wait from the 429 body's precise retry_after", async () => {
      fake.rateLimitNext(1.337);

      expect(await failure(sut.list_recent_messages({ channelId: DISCORD_FAKE_CHANNEL }, context()))).toMatchObject({ category: 'RATE_LIMITED', details: { retryAfterMs: 1_337, providerStatus: 429 } });
    });

    it('should fall back to the Retry-After header when the 429 has no JSON body (edge proxy)', async () => {
      fake.server.enqueue({ status: 429, headers: { 'retry-after': '7' }, body: 'error code: 1015' });

      expect(await failure(sut.list_recent_messages({ channelId: DISCORD_FAKE_CHANNEL }, context()))).toMatchObject({ category: 'RATE_LIMITED', details: { retryAfterMs: 7_000 } });
    });

    it('should map Unknown Channel (10003) to NOT_FOUND', async () => {
      expect(await failure(sut.list_recent_messages({ channelId: '1187654321098760000' }, context()))).toMatchObject({ category: 'NOT_FOUND' });
    });

    it('should answer REAUTH_REQUIRED when Discord rejects the bot token', async () => {
      expect(await failure(sut.list_recent_messages({ channelId: DISCORD_FAKE_CHANNEL }, context('reset-token')))).toMatchObject({ category: 'REAUTH_REQUIRED', details: { providerStatus: 401 } });
    });

    it('should refuse without a bot token before calling Discord', async () => {
      expect(await failure(sut.list_recent_messages({ channelId: DISCORD_FAKE_CHANNEL }, callContext()))).toMatchObject({ category: 'NOT_CONNECTED' });
      expect(fake.requests).toHaveLength(0);
    });
  });
});
