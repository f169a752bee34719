import { runConnectorContract } from '../../../../../test/support/connectors/contract';
import { googleSearchConsoleConnector } from './index';

const query = { siteUrl: 'sc-domain:example.com', startDate: '2025-01-01', endDate: '2025-01-28' };
// Mock only: the contract proves its validation and its answers' shape; a real provider will join it with a local peer.
runConnectorContract(googleSearchConsoleConnector, [
    {
      action: 'query_search_analytics',
      valid: [query, { ...query, siteUrl: 'https://www.example.com/', dimensions: ['page', 'device'], searchType: 'image', rowLimit: 2 }, { ...query, dimensions: ['date'] }],
      invalid: [{}, { ...query, siteUrl: 'example.com' }, { ...query, siteUrl: 'https://www.example.com' }, { ...query, startDate: '01/01/2025' }, { ...query, endDate: '2024-12-31' }, { ...query, dimensions: [] }, { ...query, dimensions: ['query', 'page', 'country', 'device'] }, { ...query, dimensions: ['keyword'] }, { ...query, rowLimit: 25_001 }, { ...query, searchType: 'shopping' }],
    },
    {
      action: 'list_sitemaps',
      valid: [{ siteUrl: 'sc-domain:example.com' }, { siteUrl: 'https://www.example.com/' }],
      invalid: [{}, { siteUrl: 'www.example.com' }, { siteUrl: 'sc-domain:localhost' }],
    },
    {
      action: 'submit_sitemap',
      valid: [{ siteUrl: 'sc-domain:example.com', feedpath: 'https://www.example.com/sitemap.xml' }],
      invalid: [{}, { siteUrl: 'sc-domain:example.com' }, { siteUrl: 'sc-domain:example.com', feedpath: '/sitemap.xml' }],
    },
]);
