import { DISCORD_FAKE_CHANNEL, DISCORD_FAKE_TOKEN, DiscordFake } from '../../../../../test/support/fakes/discord-fake';
import { runConnectorContract } from '../../../../../test/support/connectors/contract';
import { discordConnector } from '.';

runConnectorContract(
  discordConnector,
  [
    {
      action: 'send_message',
      valid: [{ channelId: DISCORD_FAKE_CHANNEL, content: 'New drop this Friday!' }, { channelId: DISCORD_FAKE_CHANNEL, content: 'Thanks!', replyToMessageId: '1187654321098765001', tts: false }],
      invalid: [{}, { channelId: 'general', content: 'hi' }, { channelId: DISCORD_FAKE_CHANNEL, content: '' }, { channelId: DISCORD_FAKE_CHANNEL, content: 'x'.repeat(2001) }, { channelId: DISCORD_FAKE_CHANNEL, content: 'hi', embeds: [] }],
    },
    {
      action: 'list_recent_messages',
      valid: [{ channelId: DISCORD_FAKE_CHANNEL }, { channelId: DISCORD_FAKE_CHANNEL, limit: 1, before: '9187654321098765000' }],
      // eslint-disable-next-line no-loss-of-precision -- a snowflake sent as a JSON number (already rounded) is what must be refused
      invalid: [{}, { channelId: 1187654321098765432 }, { channelId: DISCORD_FAKE_CHANNEL, limit: 101 }, { channelId: DISCORD_FAKE_CHANNEL, before: 'yesterday' }],
    },
  ],
  {
    start: async () => {
      const fake = new DiscordFake();
      return { baseUrl: await fake.start(), secrets: { botToken: DISCORD_FAKE_TOKEN }, metadata: { guildId: '1187000000000000000' }, stop: () => fake.stop() };
    },
  },
);
