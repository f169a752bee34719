import { createHash } from 'node:crypto';
import { ConnectorError } from '../../connector-error';
import type { MockBehaviour } from '../../connector-definition';
import type { SlackListChannelsInput, SlackListRecentMessagesInput, SlackSendMessageInput } from './dto';
import type { SlackChannelSummary, SlackListChannelsOutput, SlackListRecentMessagesOutput, SlackMessageSummary, SlackSendMessageOutput } from './manifest';

/** A small, plausible workspace: the same for every organization so e2e suites can rely on it. */
const CHANNELS: SlackChannelSummary[] = [
  { id: 'C01GENERAL', name: 'general', isPrivate: false, isArchived: false, memberCount: 128, topic: 'Company-wide announcements' },
  { id: 'C02MARKETNG', name: 'marketing', isPrivate: false, isArchived: false, memberCount: 42, topic: 'Campaigns and launches' },
  { id: 'C03SOCIALMD', name: 'social-media', isPrivate: false, isArchived: false, memberCount: 17, topic: 'Posts, replies and mentions' },
  { id: 'C04LAUNCHES', name: 'product-launches', isPrivate: false, isArchived: false, memberCount: 63, topic: 'What ships next' },
  { id: 'C05OLDPROMO', name: 'summer-promo-2024', isPrivate: false, isArchived: true, memberCount: 9, topic: 'Archived campaign' },
];

const HISTORY = [
  { author: 'U061F7AUR', text: 'Newsletter draft is ready for review', replyCount: 3 },
  { author: 'U07AB12CD', text: 'Spring sale banner approved :tada:', replyCount: 0 },
  { author: 'B05NEONHUB', text: 'Weekly report: 12.4k impressions, 3.1% CTR', replyCount: 1 },
  { author: 'U061F7AUR', text: 'Can we move the launch post to 9am?', replyCount: 2 },
  { author: 'U08XY34EF', text: 'Influencer list updated in the shared drive', replyCount: 0 },
];


const ts = (seconds: number, sub: number) => `${seconds}.${String(sub).padStart(6, '0')}`;

/** Slack resolves #name to the channel id; unknown names get a stable id of their own. */
function channelId(channel: string): string {
  if (!channel.startsWith('#')) return channel;
  const known = CHANNELS.find((c) => `#${c.name}` === channel);
  return known?.id ?? `C${createHash('sha256').update(channel).digest('hex').slice(0, 10).toUpperCase()}`;
}

function pageOffset(cursor: string | undefined): number {
  if (cursor === undefined) return 0;
  const match = /^offset:(\d+)$/.exec(Buffer.from(cursor, 'base64').toString('utf8'));
  if (!match) throw new ConnectorError('INVALID_INPUT', 'slack (mock): Slack answered invalid_cursor', { providerStatus: 200, requestSent: true });
  return Number(match[1]);
}

export const slackMock: MockBehaviour = {
  send_message: (raw, context): SlackSendMessageOutput => {
    const input = raw as unknown as SlackSendMessageInput;
    return { channel: channelId(input.channel), ts: ts(Math.floor(context.now / 1000), context.sequence) };
  },

  list_channels: (raw): SlackListChannelsOutput => {
    const input = raw as unknown as SlackListChannelsInput;
    const visible = CHANNELS.filter((c) => input.includeArchived || !c.isArchived);
    const offset = pageOffset(input.cursor);
    const end = offset + (input.limit ?? 100);
    return {
      channels: visible.slice(offset, end).map((c) => ({ ...c })),
      nextCursor: end < visible.length ? Buffer.from(`offset:${end}`).toString('base64') : '',
    };
  },

  list_recent_messages: (raw, context): SlackListRecentMessagesOutput => {
    const input = raw as unknown as SlackListRecentMessagesInput;
    // One message an hour, before the call's clock, newest first, like conversations.history.
    const all: SlackMessageSummary[] = HISTORY.map((m, i) => ({ ...m, ts: ts(Math.floor(context.now / 1000) - (i + 1) * 3600, i + 1) }));
    const newer = input.oldest === undefined ? all : all.filter((m) => Number(m.ts) > Number(input.oldest));
    const limit = input.limit ?? 20;
    return { channel: input.channel, messages: newer.slice(0, limit), hasMore: newer.length > limit };
  },
};
