import { createHash } from 'node:crypto';
import type { RealActions, RealProviderFactoryDeps } from '../../connector-definition';
import { ConnectorError, type ConnectorErrorCategory } from '../../connector-error';
import type { ConnectorCallContext } from '../../connector.types';
import type { ErrorRefiner, ProviderRequest } from '../../http/provider-http-client';
import type { DiscordListRecentMessagesInput, DiscordSendMessageInput } from './dto';
import type { DiscordListRecentMessagesOutput, DiscordMessageSummary, DiscordSendMessageOutput } from './manifest';

interface DiscordMessage {
  id: string;
  channel_id: string;
  content: string;
  timestamp: string;
  author: { id: string; username: string };
}

/** Discord's JSON error codes (https://discord.com/developers/docs/topics/opcodes-and-status-codes). */
const DISCORD_CODES: Record<number, ConnectorErrorCategory> = {
  10003: 'NOT_FOUND', // Unknown Channel
  10008: 'NOT_FOUND', // Unknown Message
  20016: 'RATE_LIMITED', // slowmode
  50001: 'PERMISSION_DENIED', // Missing Access
  50013: 'PERMISSION_DENIED', // Missing Permissions
  50006: 'INVALID_INPUT', // Cannot send an empty message
  50035: 'INVALID_INPUT', // Invalid Form Body
};

/** Discord's 429 body says precisely how long to wait (retry_after, seconds with decimals); the header is rounded. */
function retryAfterFromBody(body: unknown): number | undefined {
  const seconds = typeof body === 'object' && body !== null ? (body as { retry_after?: unknown }).retry_after : undefined;
  return typeof seconds === 'number' && Number.isFinite(seconds) ? Math.ceil(seconds * 1000) : undefined;
}

export const refineDiscordError: ErrorRefiner = (status, body) => {
  if (status < 400) return undefined;
  // Without a JSON body (an edge proxy's 429), the client falls back to the Retry-After header.
  if (status === 429) return { category: 'RATE_LIMITED', message: 'Discord answered 429 (rate limited)', retryAfterMs: retryAfterFromBody(body) };
  // Bot tokens do not expire: a 401 means the token was reset, and only a new one helps.
  if (status === 401) return { category: 'REAUTH_REQUIRED', message: 'Discord rejected the bot token (401); set a new one' };
  const code = typeof body === 'object' && body !== null ? (body as { code?: unknown }).code : undefined;
  const category = typeof code === 'number' ? DISCORD_CODES[code] : undefined;
  return category ? { category, message: `Discord answered ${status} (code ${code})` } : undefined;
};

function botAuthorization(context: ConnectorCallContext): Record<string, string> {
  const token = context.secrets.botToken;
  if (!token) throw new ConnectorError('NOT_CONNECTED', 'connector discord has no bot token for this organization; set one');
  return { authorization: `Bot ${token}` };
}

const summary = (m: DiscordMessage): DiscordMessageSummary => ({
  id: m.id,
  channelId: m.channel_id,
  author: m.author.username,
  content: m.content,
  timestamp: new Date(m.timestamp).toISOString(),
});

/** Discord REST v10, channel messages, authenticated as a bot. */
export function discordReal({ http }: RealProviderFactoryDeps): RealActions {
  const client = http({ refine: refineDiscordError });
  const call = async <T>(request: ProviderRequest): Promise<T> => (await client.request<T>(request)).body;

  return {
    send_message: async (raw, context): Promise<DiscordSendMessageOutput> => {
      const input = raw as unknown as DiscordSendMessageInput;
      const message = await call<DiscordMessage>({
        method: 'POST',
        path: `channels/${input.channelId}/messages`,
        headers: botAuthorization(context),
        json: {
          content: input.content,
          tts: input.tts ?? false,
          // An agent's text never pings @everyone, roles or users by accident.
          allowed_mentions: { parse: [] },
          message_reference: input.replyToMessageId ? { message_id: input.replyToMessageId, fail_if_not_exists: false } : undefined,
          // Discord returns the existing message for a nonce reused within minutes: a second line of defence against duplicates.
          nonce: createHash('sha256').update(context.idempotencyKey).digest('hex').slice(0, 25),
          enforce_nonce: true,
        },
        signal: context.signal,
      });
      return summary(message);
    },

    list_recent_messages: async (raw, context): Promise<DiscordListRecentMessagesOutput> => {
      const input = raw as unknown as DiscordListRecentMessagesInput;
      const messages = await call<DiscordMessage[]>({
        method: 'GET',
        path: `channels/${input.channelId}/messages`,
        headers: botAuthorization(context),
        query: { limit: input.limit ?? 50, before: input.before },
        signal: context.signal,
      });
      return { channelId: input.channelId, messages: messages.map(summary) };
    },
  };
}
