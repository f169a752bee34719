import type { MockBehaviour } from '../../connector-definition';
import type { DiscordListRecentMessagesInput, DiscordSendMessageInput } from './dto';
import type { DiscordListRecentMessagesOutput, DiscordMessageSummary, DiscordSendMessageOutput } from './manifest';

/** Snowflakes count milliseconds from Discord's epoch (2015-01-01) in their top 42 bits. */
const DISCORD_EPOCH_MS = 1_420_070_400_000n;

function snowflake(ms: number, increment: number): string {
  return (((BigInt(ms) - DISCORD_EPOCH_MS) << 22n) | BigInt(increment & 0xfff)).toString();
}

const HISTORY = [
  { author: 'maya.designs', content: 'Loving the teaser! When does it drop?' },
  { author: 'NeonHub', content: 'Giveaway winners announced in #announcements' },
  { author: 'kev_runs', content: 'Is there a discount code for the community?' },
  { author: 'sam.k', content: 'Just ordered the spring bundle' },
  { author: 'NeonHub', content: 'Welcome to all 120 new members this week!' },
];

export const discordMock: MockBehaviour = {
  send_message: (raw, context): DiscordSendMessageOutput => {
    const input = raw as unknown as DiscordSendMessageInput;
    const ms = context.now;
    return { id: snowflake(ms, context.sequence), channelId: input.channelId, author: 'NeonHub', content: input.content, timestamp: new Date(ms).toISOString() };
  },

  list_recent_messages: (raw, context): DiscordListRecentMessagesOutput => {
    const input = raw as unknown as DiscordListRecentMessagesInput;
    // One message an hour, before the call's clock, newest first, like GET /channels/{id}/messages.
    const all: DiscordMessageSummary[] = HISTORY.map((m, i) => {
      const ms = context.now - (i + 1) * 3_600_000;
      return { id: snowflake(ms, i), channelId: input.channelId, ...m, timestamp: new Date(ms).toISOString() };
    });
    const older = input.before === undefined ? all : all.filter((m) => BigInt(m.id) < BigInt(input.before!));
    return { channelId: input.channelId, messages: older.slice(0, input.limit ?? 50) };
  },
};
