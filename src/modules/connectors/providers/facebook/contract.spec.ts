import { runConnectorContract } from '../../../../../test/support/connectors/contract';
import { facebookConnector } from './index';

const pageId = '104589372918273';
// Mock only: the contract proves its validation and its answers' shape; a real provider will join it with a local peer.
runConnectorContract(facebookConnector, [
    {
      action: 'publish_post',
      valid: [{ pageId, message: 'Our spring collection is live.' }, { pageId, link: 'https://shop.example.com/spring' }, { pageId, message: 'Read more', link: 'https://shop.example.com/j' }],
      invalid: [{}, { pageId }, { pageId: 'neonhub', message: 'Hi' }, { pageId, message: ' ' }, { pageId, message: 'Hi', link: 'shop.example.com' }, { pageId, message: 'Hi', published: false }],
    },
    {
      action: 'get_page_insights',
      valid: [{ pageId }, { pageId, period: 'days_28', metrics: ['page_follows', 'page_views_total'] }],
      invalid: [{}, { pageId, period: 'month' }, { pageId, metrics: [] }, { pageId, metrics: ['page_fans'] }, { pageId, metrics: ['page_follows', 'page_follows'] }],
    },
    {
      action: 'list_recent_posts',
      valid: [{ pageId }, { pageId, limit: 1 }],
      invalid: [{}, { pageId, limit: 0 }, { pageId, limit: 101 }],
    },
]);
