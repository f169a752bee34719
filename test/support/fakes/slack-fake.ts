import { ScriptedHttpServer, type RecordedRequest, type ScriptedAnswer } from './scripted-http-server';

export interface SlackFakeMessage {
  type: 'message';
  ts: string;
  text: string;
  user?: string;
  bot_id?: string;
  thread_ts?: string;
  reply_count?: number;
}

export interface SlackFakeChannel {
  id: string;
  name: string;
  is_channel: true;
  is_private: boolean;
  is_archived: boolean;
  num_members: number;
  topic: { value: string; creator: string; last_set: number };
  /** Newest last; conversations.history answers newest first. */
  messages: SlackFakeMessage[];
}

export const SLACK_FAKE_TOKEN = 'xoxb-1234-5678-fakeslacktoken';

const channel = (id: string, name: string, topic: string, members: number, archived = false): SlackFakeChannel => ({
  id,
  name,
  is_channel: true,
  is_private: false,
  is_archived: archived,
  num_members: members,
  topic: { value: topic, creator: 'U061F7AUR', last_set: 1_700_000_000 },
  messages: [],
});

const ok = (body: object): ScriptedAnswer => ({ status: 200, body: { ok: true, ...body } });
const slackError = (error: string): ScriptedAnswer => ({ status: 200, body: { ok: false, error } });

/**
 * A local Slack Web API (https://api.slack.com/web): Bearer tokens, HTTP 200 with ok:false for
 * errors, cursor pagination in response_metadata, 429 with Retry-After. Mounted under /api like
 * slack.com, so the provider's base URL is `${origin}/api`.
 */
export class SlackFake {
  readonly server = new ScriptedHttpServer((request) => this.route(request));
  readonly channels: SlackFakeChannel[] = [
    channel('C01GENERAL', 'general', 'Company-wide announcements', 128),
    channel('C02MARKETNG', 'marketing', 'Campaigns and launches', 42),
    channel('C03SOCIALMD', 'social-media', 'Posts, replies and mentions', 17),
    channel('C05OLDPROMO', 'summer-promo-2024', 'Archived campaign', 9, true),
  ];
  private clock = 1_712_345_600;

  constructor(readonly token = SLACK_FAKE_TOKEN) {
    const marketing = this.channels[1];
    marketing.messages.push(
      { type: 'message', ts: '1712340000.000100', user: 'U061F7AUR', text: 'Newsletter draft is ready for review', reply_count: 3, thread_ts: '1712340000.000100' },
      { type: 'message', ts: '1712343600.000200', bot_id: 'B05NEONHUB', text: 'Weekly report: 12.4k impressions' },
    );
  }

  get requests(): RecordedRequest[] {
    return this.server.requests;
  }

  async start(): Promise<string> {
    return `${await this.server.start()}/api`;
  }

  stop(): Promise<void> {
    return this.server.stop();
  }

  /** The next request fails the way Slack reports most errors: HTTP 200, ok:false. */
  failNextWith(error: string): void {
    this.server.enqueue(slackError(error));
  }

  /** Slack's tier limits: 429, Retry-After in seconds, ok:false ratelimited. */
  rateLimitNext(retryAfterSeconds: number): void {
    this.server.enqueue({ status: 429, headers: { 'retry-after': String(retryAfterSeconds) }, body: { ok: false, error: 'ratelimited' } });
  }

  private route(request: RecordedRequest): ScriptedAnswer {
    const auth = request.headers.authorization;
    if (!auth) return slackError('not_authed');
    if (auth !== `Bearer ${this.token}`) return slackError('invalid_auth');
    switch (`${request.method} ${request.path}`) {
      case 'POST /api/chat.postMessage':
        return this.postMessage(JSON.parse(request.rawBody || '{}') as Record<string, unknown>);
      case 'GET /api/conversations.list':
        return this.list(request.query);
      case 'GET /api/conversations.history':
        return this.history(request.query);
      default:
        return { status: 404, body: { ok: false, error: 'unknown_method' } };
    }
  }

  private find(idOrName: unknown): SlackFakeChannel | undefined {
    return this.channels.find((c) => c.id === idOrName || `#${c.name}` === idOrName);
  }

  private postMessage(body: Record<string, unknown>): ScriptedAnswer {
    const target = this.find(body.channel);
    if (!target) return slackError('channel_not_found');
    if (target.is_archived) return slackError('is_archived');
    if (typeof body.text !== 'string' || body.text === '') return slackError('no_text');
    if (body.text.length > 40_000) return slackError('msg_too_long');
    this.clock += 1;
    const message: SlackFakeMessage = { type: 'message', ts: `${this.clock}.000100`, bot_id: 'B05NEONHUB', text: body.text };
    if (typeof body.thread_ts === 'string') message.thread_ts = body.thread_ts;
    target.messages.push(message);
    return ok({ channel: target.id, ts: message.ts, message });
  }

  private list(query: URLSearchParams): ScriptedAnswer {
    const limit = Number(query.get('limit') ?? 100);
    const visible = this.channels.filter((c) => query.get('exclude_archived') !== 'true' || !c.is_archived);
    const cursor = query.get('cursor');
    const decoded = cursor ? /^offset:(\d+)$/.exec(Buffer.from(cursor, 'base64').toString('utf8')) : ['', '0'];
    if (!decoded) return slackError('invalid_cursor');
    const offset = Number(decoded[1]);
    const end = offset + limit;
    const next = end < visible.length ? Buffer.from(`offset:${end}`).toString('base64') : '';
    const channels = visible.slice(offset, end).map(({ messages: _messages, ...c }) => c);
    return ok({ channels, response_metadata: { next_cursor: next } });
  }

  private history(query: URLSearchParams): ScriptedAnswer {
    const target = this.find(query.get('channel'));
    if (!target) return slackError('channel_not_found');
    const oldest = Number(query.get('oldest') ?? 0);
    const limit = Number(query.get('limit') ?? 100);
    const newer = [...target.messages].reverse().filter((m) => Number(m.ts) > oldest);
    return ok({ messages: newer.slice(0, limit), has_more: newer.length > limit, pin_count: 0, response_metadata: { next_cursor: '' } });
  }
}
