import { runConnectorContract } from '../../../../../test/support/connectors/contract';
import { redditConnector } from './index';

const self = { subreddit: 'malefashionadvice', title: 'We tested linen shirts for a summer', kind: 'self', text: 'Notes inside.' };
const link = { subreddit: 'BuyItForLife', title: 'Linen shirts, three years later', kind: 'link', url: 'https://shop.example.com/journal/linen' };
// Mock only: the contract proves its validation and its answers' shape; a real provider will join it with a local peer.
runConnectorContract(redditConnector, [
    {
      action: 'submit_post',
      valid: [self, link, { ...self, text: undefined, flairId: '2f1a6b3e-8c1d-4e5f-9a0b-1c2d3e4f5a6b', sendReplies: true }],
      invalid: [{}, { ...self, subreddit: 'r/malefashionadvice' }, { ...self, title: 'x'.repeat(301) }, { ...self, kind: 'image' }, { ...link, url: undefined }, { ...self, url: 'https://x.example.com' }, { ...link, text: 'body' }, { ...self, flairId: 'sale' }],
    },
    {
      action: 'get_post_metrics',
      valid: [{ postId: 't3_1hx2k9q' }],
      invalid: [{}, { postId: '1hx2k9q' }, { postId: 't1_1hx2k9q' }, { postId: 't3_1HX2K9Q' }],
    },
    {
      action: 'list_recent_posts',
      valid: [{}, { limit: 2, subreddit: 'malefashionadvice' }],
      invalid: [{ limit: 0 }, { limit: 101 }, { subreddit: 'a b' }, { after: 't3_1' }],
    },
]);
