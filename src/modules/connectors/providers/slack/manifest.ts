import { ConnectorKind } from '../../../../generated/prisma/enums';
import type { ConnectorManifest } from '../../connector.types';
import { SlackListChannelsInput, SlackListRecentMessagesInput, SlackSendMessageInput } from './dto';

export interface SlackSendMessageOutput {
  channel: string;
  ts: string;
}

export interface SlackChannelSummary {
  id: string;
  name: string;
  isPrivate: boolean;
  isArchived: boolean;
  memberCount: number;
  topic: string;
}

export interface SlackListChannelsOutput {
  channels: SlackChannelSummary[];
  /** Empty when this was the last page, as Slack's response_metadata.next_cursor. */
  nextCursor: string;
}

export interface SlackMessageSummary {
  ts: string;
  /** The posting user's id, or the bot id for app messages. */
  author: string;
  text: string;
  replyCount: number;
}

export interface SlackListRecentMessagesOutput {
  channel: string;
  messages: SlackMessageSummary[];
  hasMore: boolean;
}

export const slackManifest: ConnectorManifest = {
  key: 'slack',
  displayName: 'Slack',
  kind: ConnectorKind.SLACK,
  authType: 'oauth2',
  scopes: ['chat:write', 'channels:read', 'channels:history'],
  // chat.postMessage allows about one message per second per channel with short bursts; 50 a
  // minute per organization stays under it even when an agent keeps to one channel.
  rateLimit: { requests: 50, perSeconds: 60 },
  realAvailable: true,
  // The Web API has no idempotency key: a post that may have landed is never repeated.
  idempotentWrites: false,
  defaultBaseUrl: 'https://slack.com/api',
  oauth: { authorizeUrl: 'https://slack.com/oauth/v2/authorize', tokenUrl: 'https://slack.com/api/oauth.v2.access', scopeSeparator: ',' },
  // The bot token comes from the OAuth flow (stored as accessToken), never typed in.
  secretFields: [],
  metadataFields: [],
  actions: [
    {
      name: 'send_message',
      description: 'Post a message to a channel, optionally as a thread reply (chat.postMessage)',
      effect: 'write',
      input: SlackSendMessageInput,
      outputExample: { channel: 'C024BE91L', ts: '1712345678.000100' } satisfies SlackSendMessageOutput,
    },
    {
      name: 'list_channels',
      description: 'List public channels of the workspace, a page at a time (conversations.list)',
      effect: 'read',
      input: SlackListChannelsInput,
      outputExample: {
        channels: [{ id: 'C024BE91L', name: 'marketing', isPrivate: false, isArchived: false, memberCount: 42, topic: 'Campaigns and launches' }],
        nextCursor: 'b2Zmc2V0OjEwMA==',
      } satisfies SlackListChannelsOutput,
    },
    {
      name: 'list_recent_messages',
      description: 'Read the latest messages of a channel, newest first (conversations.history)',
      effect: 'read',
      input: SlackListRecentMessagesInput,
      outputExample: {
        channel: 'C024BE91L',
        messages: [{ ts: '1712345678.000100', author: 'U061F7AUR', text: 'Launch post is scheduled for 9am', replyCount: 2 }],
        hasMore: false,
      } satisfies SlackListRecentMessagesOutput,
    },
  ],
};
