import { ScriptedHttpServer, type RecordedRequest, type ScriptedAnswer } from './scripted-http-server';

export interface DiscordFakeMessage {
  id: string;
  type: 0 | 19;
  channel_id: string;
  content: string;
  author: { id: string; username: string; global_name: string | null; discriminator: '0'; bot?: boolean };
  timestamp: string;
  edited_timestamp: null;
  tts: boolean;
  mention_everyone: false;
  mentions: [];
  attachments: [];
  embeds: [];
  pinned: false;
  nonce?: string;
  message_reference?: { message_id: string; channel_id: string };
}

export const DISCORD_FAKE_TOKEN = 'MTE4NzY1NDMyMTA5ODc2NTQzMg.GfakeT.discord-bot-token';
export const DISCORD_FAKE_CHANNEL = '1187654321098765432';
/** A channel the bot may read but not post in (Missing Permissions). */
export const DISCORD_READ_ONLY_CHANNEL = '1187654321098765999';

const BOT = { id: '1187000000000000001', username: 'NeonHub', global_name: null, discriminator: '0', bot: true } as const;
const discordError = (status: number, code: number, message: string): ScriptedAnswer => ({ status, body: { message, code } });

/**
 * A local Discord REST v10 (https://discord.com/developers/docs/resources/message): `Bot` tokens,
 * JSON error codes, nonce deduplication with enforce_nonce, and 429 answers carrying retry_after
 * in the body. Mounted under /api/v10, so the provider's base URL is `${origin}/api/v10`.
 */
export class DiscordFake {
  readonly server = new ScriptedHttpServer((request) => this.route(request));
  readonly messages = new Map<string, DiscordFakeMessage[]>([
    [DISCORD_FAKE_CHANNEL, []],
    [DISCORD_READ_ONLY_CHANNEL, []],
  ]);
  private clock = Date.UTC(2025, 0, 1, 9);
  private nextId = 1187654321098765000n;

  constructor(readonly token = DISCORD_FAKE_TOKEN) {
    this.add(DISCORD_FAKE_CHANNEL, 'Loving the teaser! When does it drop?', { id: '1187000000000000042', username: 'maya.designs', global_name: 'Maya', discriminator: '0' });
    this.add(DISCORD_FAKE_CHANNEL, 'Is there a discount code for the community?', { id: '1187000000000000043', username: 'kev_runs', global_name: null, discriminator: '0' });
  }

  get requests(): RecordedRequest[] {
    return this.server.requests;
  }

  async start(): Promise<string> {
    return `${await this.server.start()}/api/v10`;
  }

  stop(): Promise<void> {
    return this.server.stop();
  }

  /** Discord's rate-limit answer: Retry-After rounded up in the header, the precise value in the body. */
  rateLimitNext(retryAfterSeconds: number, global = false): void {
    this.server.enqueue({
      status: 429,
      headers: { 'retry-after': String(Math.ceil(retryAfterSeconds)), 'x-ratelimit-scope': global ? 'global' : 'user' },
      body: { message: 'You are being rate limited.', retry_after: retryAfterSeconds, global },
    });
  }

  private add(channelId: string, content: string, author: DiscordFakeMessage['author'], extra: Partial<DiscordFakeMessage> = {}): DiscordFakeMessage {
    this.clock += 60_000;
    this.nextId += 1n;
    const message: DiscordFakeMessage = {
      id: this.nextId.toString(),
      type: extra.message_reference ? 19 : 0,
      channel_id: channelId,
      content,
      author,
      timestamp: new Date(this.clock).toISOString().replace('Z', '000+00:00'),
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: [],
      attachments: [],
      embeds: [],
      pinned: false,
      ...extra,
    };
    this.messages.get(channelId)!.push(message);
    return message;
  }

  private route(request: RecordedRequest): ScriptedAnswer {
    if (request.headers.authorization !== `Bot ${this.token}`) return discordError(401, 0, '401: Unauthorized');
    const match = /^\/api\/v10\/channels\/([^/]+)\/messages$/.exec(request.path);
    if (!match) return discordError(404, 0, '404: Not Found');
    const channel = this.messages.get(match[1]);
    if (!channel) return discordError(404, 10003, 'Unknown Channel');
    if (request.method === 'GET') {
      const before = request.query.get('before');
      const newestFirst = [...channel].reverse().filter((m) => !before || BigInt(m.id) < BigInt(before));
      return { status: 200, body: newestFirst.slice(0, Number(request.query.get('limit') ?? 50)) };
    }
    if (request.method === 'POST') return this.post(match[1], channel, JSON.parse(request.rawBody || '{}') as Record<string, unknown>);
    return discordError(405, 0, '405: Method Not Allowed');
  }

  private post(channelId: string, channel: DiscordFakeMessage[], body: Record<string, unknown>): ScriptedAnswer {
    if (channelId === DISCORD_READ_ONLY_CHANNEL) return discordError(403, 50013, 'Missing Permissions');
    if (typeof body.content !== 'string' || body.content === '') return discordError(400, 50006, 'Cannot send an empty message');
    if (body.content.length > 2000) return { status: 400, body: { message: 'Invalid Form Body', code: 50035, errors: { content: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 2000 or fewer in length.' }] } } } };
    const nonce = typeof body.nonce === 'string' ? body.nonce : undefined;
    const earlier = body.enforce_nonce && nonce ? channel.find((m) => m.nonce === nonce) : undefined;
    if (earlier) return { status: 200, body: earlier };
    const reference = body.message_reference as { message_id?: string } | undefined;
    const message = this.add(channelId, body.content, { ...BOT }, {
      tts: body.tts === true,
      ...(nonce ? { nonce } : {}),
      ...(reference?.message_id ? { message_reference: { message_id: reference.message_id, channel_id: channelId } } : {}),
    });
    return { status: 200, body: message };
  }
}
