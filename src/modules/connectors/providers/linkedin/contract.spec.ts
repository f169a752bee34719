import { runConnectorContract } from '../../../../../test/support/connectors/contract';
import { linkedinConnector } from './index';

const post = { author: 'urn:li:organization:2414183', commentary: 'Our spring collection is live.' };
const stats = { postUrn: 'urn:li:share:7281234567890123456', organizationUrn: 'urn:li:organization:2414183' };
// Mock only: the contract proves its validation and its answers' shape; a real provider will join it with a local peer.
runConnectorContract(linkedinConnector, [
    {
      action: 'publish_post',
      valid: [post, { author: 'urn:li:person:abc123', commentary: 'Hi', visibility: 'CONNECTIONS', articleUrl: 'https://shop.example.com/spring', articleTitle: 'Spring' }],
      invalid: [{}, { ...post, author: '2414183' }, { ...post, commentary: ' ' }, { ...post, commentary: 'x'.repeat(3001) }, { ...post, visibility: 'LOGGED_IN' }, { ...post, articleTitle: 'No link' }, { ...post, articleUrl: 'ftp://x.example.com' }],
    },
    {
      action: 'get_post_analytics',
      valid: [stats, { ...stats, postUrn: 'urn:li:ugcPost:7281234567890123456' }],
      invalid: [{}, { ...stats, postUrn: 'urn:li:activity:1' }, { ...stats, organizationUrn: 'urn:li:person:abc' }, { postUrn: stats.postUrn }],
    },
    {
      action: 'list_recent_posts',
      valid: [{ author: 'urn:li:organization:2414183' }, { author: 'urn:li:person:abc123', count: 1 }],
      invalid: [{}, { author: 'urn:li:organization:2414183', count: 0 }, { author: 'urn:li:organization:2414183', count: 51 }, { author: 'neonhub' }],
    },
]);
