import type { RealActions, RealProviderFactoryDeps } from '../../connector-definition';
import { ConnectorError, type ConnectorErrorCategory } from '../../connector-error';
import type { ConnectorCallContext } from '../../connector.types';
import type { ErrorRefiner } from '../../http/provider-http-client';
import type { SlackListChannelsInput, SlackListRecentMessagesInput, SlackSendMessageInput } from './dto';
import type { SlackListChannelsOutput, SlackListRecentMessagesOutput, SlackSendMessageOutput } from './manifest';

interface SlackChannel {
  id: string;
  name: string;
  is_private?: boolean;
  is_archived?: boolean;
  num_members?: number;
  topic?: { value?: string };
}

interface SlackMessage {
  ts: string;
  text?: string;
  user?: string;
  bot_id?: string;
  reply_count?: number;
}

/** Slack's documented `error` codes, by what the caller can do about them. */
const SLACK_ERRORS: Record<string, ConnectorErrorCategory> = {
  // Rotating tokens expire and can be refreshed; the others need the workspace to reconnect.
  token_expired: 'AUTH_EXPIRED',
  not_authed: 'REAUTH_REQUIRED',
  invalid_auth: 'REAUTH_REQUIRED',
  token_revoked: 'REAUTH_REQUIRED',
  account_inactive: 'REAUTH_REQUIRED',
  missing_scope: 'PERMISSION_DENIED',
  not_in_channel: 'PERMISSION_DENIED',
  restricted_action: 'PERMISSION_DENIED',
  access_denied: 'PERMISSION_DENIED',
  channel_not_found: 'NOT_FOUND',
  thread_not_found: 'NOT_FOUND',
  is_archived: 'CONFLICT',
  ratelimited: 'RATE_LIMITED',
  rate_limited: 'RATE_LIMITED',
  message_limit_exceeded: 'RATE_LIMITED',
  internal_error: 'PROVIDER_UNAVAILABLE',
  fatal_error: 'PROVIDER_UNAVAILABLE',
  service_unavailable: 'PROVIDER_UNAVAILABLE',
  // Slack's request_timeout means the POST body arrived truncated: a transport hiccup.
  request_timeout: 'PROVIDER_UNAVAILABLE',
};

/**
 * Slack answers most failures with HTTP 200 and `{ ok: false, error }`; the code (never the
 * message text, which is customer data) decides the category. Unknown codes are the caller's
 * problem (INVALID_INPUT), not a reason to retry.
 */
export const refineSlackError: ErrorRefiner = (status, body) => {
  if (typeof body !== 'object' || body === null || (body as { ok?: unknown }).ok !== false) return undefined;
  const code = String((body as { error?: unknown }).error ?? 'unknown_error');
  return { category: SLACK_ERRORS[code] ?? (status >= 500 ? 'PROVIDER_UNAVAILABLE' : 'INVALID_INPUT'), message: `Slack answered ${code}` };
};

function bearer(context: ConnectorCallContext): Record<string, string> {
  const token = context.secrets.accessToken;
  if (!token) throw new ConnectorError('NOT_CONNECTED', 'connector slack has no access token for this organization; reconnect it');
  return { authorization: `Bearer ${token}` };
}

/** Slack Web API: chat.postMessage (POST, JSON), conversations.list and .history (GET, so reads are retried safely). */
export function slackReal({ http }: RealProviderFactoryDeps): RealActions {
  const client = http({ refine: refineSlackError });

  return {
    send_message: async (raw, context): Promise<SlackSendMessageOutput> => {
      const input = raw as unknown as SlackSendMessageInput;
      const { body } = await client.request<{ channel: string; ts: string }>({
        method: 'POST',
        path: 'chat.postMessage',
        headers: bearer(context),
        json: { channel: input.channel, text: input.text, thread_ts: input.threadTs, unfurl_links: input.unfurlLinks },
        signal: context.signal,
      });
      return { channel: body.channel, ts: body.ts };
    },

    list_channels: async (raw, context): Promise<SlackListChannelsOutput> => {
      const input = raw as unknown as SlackListChannelsInput;
      const { body } = await client.request<{ channels: SlackChannel[]; response_metadata?: { next_cursor?: string } }>({
        method: 'GET',
        path: 'conversations.list',
        headers: bearer(context),
        query: { types: 'public_channel', limit: input.limit ?? 100, cursor: input.cursor, exclude_archived: String(!input.includeArchived) },
        signal: context.signal,
      });
      return {
        channels: body.channels.map((c) => ({
          id: c.id,
          name: c.name,
          isPrivate: c.is_private ?? false,
          isArchived: c.is_archived ?? false,
          memberCount: c.num_members ?? 0,
          topic: c.topic?.value ?? '',
        })),
        nextCursor: body.response_metadata?.next_cursor ?? '',
      };
    },

    list_recent_messages: async (raw, context): Promise<SlackListRecentMessagesOutput> => {
      const input = raw as unknown as SlackListRecentMessagesInput;
      const { body } = await client.request<{ messages: SlackMessage[]; has_more?: boolean }>({
        method: 'GET',
        path: 'conversations.history',
        headers: bearer(context),
        query: { channel: input.channel, limit: input.limit ?? 20, oldest: input.oldest },
        signal: context.signal,
      });
      return {
        channel: input.channel,
        messages: body.messages.map((m) => ({ ts: m.ts, author: m.user ?? m.bot_id ?? '', text: m.text ?? '', replyCount: m.reply_count ?? 0 })),
        hasMore: body.has_more ?? false,
      };
    },
  };
}
