import { X_FAKE_POST, X_FAKE_TOKEN, XFake } from '../../../../../test/support/fakes/x-fake';
import { runConnectorContract } from '../../../../../test/support/connectors/contract';
import { xConnector } from './index';

runConnectorContract(
  xConnector,
  [
    {
      action: 'publish_post',
      valid: [{ text: 'Our spring collection is live.' }, { text: 'Thanks for asking!', replyToPostId: X_FAKE_POST }, { text: 'Worth a read', quotePostId: X_FAKE_POST }],
      // eslint-disable-next-line no-loss-of-precision -- a post id sent as a JSON number (already rounded) is what must be refused
      invalid: [{}, { text: '' }, { text: '   ' }, { text: 'x'.repeat(281) }, { text: 'hi', replyToPostId: 1879012345678901234 }, { text: 'hi', quotePostId: 'abc' }, { text: 'hi', media: ['1'] }],
    },
    {
      action: 'get_post_metrics',
      valid: [{ postId: X_FAKE_POST }],
      invalid: [{}, { postId: '' }, { postId: 'https://x.com/neonhub/status/1' }, { postId: '12345678901234567890' }, { postId: X_FAKE_POST, fields: 'all' }],
    },
    {
      action: 'list_recent_posts',
      valid: [{}, { maxResults: 5 }, { maxResults: 100, excludeReplies: true, excludeReposts: true }],
      invalid: [{ maxResults: 4 }, { maxResults: 101 }, { maxResults: '10' }, { excludeReplies: 'yes' }, { userId: '1' }],
    },
  ],
  {
    start: async () => {
      const fake = new XFake();
      return { baseUrl: await fake.start(), secrets: { accessToken: X_FAKE_TOKEN }, metadata: {}, stop: () => fake.stop() };
    },
  },
);
