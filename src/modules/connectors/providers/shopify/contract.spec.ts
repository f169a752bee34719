import { SHOPIFY_FAKE_PRODUCT, SHOPIFY_FAKE_TOKEN, ShopifyFake } from '../../../../../test/support/fakes/shopify-fake';
import { runConnectorContract } from '../../../../../test/support/connectors/contract';
import { shopifyConnector } from './index';

const discount = { title: 'Spring newsletter 20%', code: 'SPRING20', percentage: 20, startsAt: '2025-03-01T00:00:00Z' };

runConnectorContract(
  shopifyConnector,
  [
    {
      action: 'list_recent_orders',
      valid: [{}, { first: 3 }, { createdAfter: '2025-01-05T00:00:00Z', financialStatus: 'paid' }],
      invalid: [{ first: 0 }, { first: 51 }, { first: 2.5 }, { financialStatus: 'PAID' }, { createdAfter: '14/01/2025' }, { query: 'status:open' }],
    },
    {
      action: 'get_product',
      valid: [{ productId: SHOPIFY_FAKE_PRODUCT }, { productId: '8001234567890' }],
      invalid: [{}, { productId: 'gid://shopify/Order/1' }, { productId: 'linen-shirt' }, { productId: 8001234567890 }, { productId: SHOPIFY_FAKE_PRODUCT, fields: 'title' }],
    },
    {
      action: 'create_discount_code',
      valid: [discount, { title: 'Ten off', code: 'TEN-OFF_2025', amountOff: 10, startsAt: '2025-01-01T00:00:00Z', endsAt: '2025-02-01T00:00:00Z', usageLimit: 100, appliesOncePerCustomer: true }],
      invalid: [
        {},
        { ...discount, percentage: undefined },
        { ...discount, amountOff: 5 },
        { ...discount, percentage: 0 },
        { ...discount, percentage: 120 },
        { ...discount, code: 'SPRING 20' },
        { ...discount, code: 'AB' },
        { ...discount, title: ' ' },
        { ...discount, startsAt: 'tomorrow' },
        { ...discount, endsAt: '2025-02-01T00:00:00Z' },
        { ...discount, usageLimit: 0 },
        { ...discount, customerSelection: { all: true } },
      ],
    },
  ],
  {
    start: async () => {
      const fake = new ShopifyFake();
      return { baseUrl: await fake.start(), secrets: { accessToken: SHOPIFY_FAKE_TOKEN }, metadata: { shopDomain: 'neon-apparel.myshopify.com' }, stop: () => fake.stop() };
    },
  },
);
