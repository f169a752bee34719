import { ConnectorKind } from '../../../../generated/prisma/enums';
import type { ConnectorManifest } from '../../connector.types';
import { DiscordListRecentMessagesInput, DiscordSendMessageInput } from './dto';

export interface DiscordMessageSummary {
  id: string;
  channelId: string;
  /** The author's username (bots included). */
  author: string;
  content: string;
  /** ISO 8601, UTC. */
  timestamp: string;
}

export type DiscordSendMessageOutput = DiscordMessageSummary;

export interface DiscordListRecentMessagesOutput {
  channelId: string;
  messages: DiscordMessageSummary[];
}

const example: DiscordMessageSummary = {
  id: '1187654321098765433',
  channelId: '1187654321098765432',
  author: 'NeonHub',
  content: 'New drop this Friday at 6pm CET! Who is in?',
  timestamp: '2025-01-01T09:00:00.000Z',
};

export const discordManifest: ConnectorManifest = {
  key: 'discord',
  displayName: 'Discord',
  kind: ConnectorKind.DISCORD,
  authType: 'api_key',
  // A bot token carries no OAuth scopes; the bot needs View Channel, Send Messages and Read Message History.
  scopes: [],
  // Discord's per-route bucket for channel messages: 5 requests per 5 seconds per channel.
  rateLimit: { requests: 5, perSeconds: 5 },
  realAvailable: true,
  // Discord's nonce only deduplicates for a few minutes: not enough to retry a post blindly.
  idempotentWrites: false,
  defaultBaseUrl: 'https://discord.com/api/v10',
  secretFields: ['botToken'],
  metadataFields: ['guildId'],
  actions: [
    {
      name: 'send_message',
      description: 'Post a message to a channel as the bot, optionally as a reply',
      effect: 'write',
      input: DiscordSendMessageInput,
      outputExample: example satisfies DiscordSendMessageOutput,
    },
    {
      name: 'list_recent_messages',
      description: 'Read the latest messages of a channel, newest first',
      effect: 'read',
      input: DiscordListRecentMessagesInput,
      outputExample: {
        channelId: example.channelId,
        messages: [{ ...example, id: '1187654321098765000', author: 'maya.designs', content: 'Loving the teaser!' }],
      } satisfies DiscordListRecentMessagesOutput,
    },
  ],
};
