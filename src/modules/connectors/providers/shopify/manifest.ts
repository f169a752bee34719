import { ConnectorKind } from '../../../../generated/prisma/enums';
import type { ConnectorManifest } from '../../connector.types';
import { CreateDiscountCodeInput, GetProductInput, ListRecentOrdersInput } from './dto';

/** The Admin API version every query is written against; Shopify supports each for a year. */
export const SHOPIFY_API_VERSION = '2025-01';

/**
 * Shopify's GraphQL Admin API with a custom app's Admin API access token. There is no single
 * API root: each shop is its own host (https://<shop>.myshopify.com/admin/api/<version>), so
 * defaultBaseUrl stays unset and CONNECTOR_SHOPIFY_BASE_URL, when set, replaces every shop's.
 */
export const shopifyManifest: ConnectorManifest = {
  key: 'shopify',
  displayName: 'Shopify',
  kind: ConnectorKind.SHOPIFY,
  authType: 'api_key',
  // Access scopes the custom app's token must carry.
  scopes: ['read_orders', 'read_products', 'write_discounts'],
  // GraphQL Admin: a 1,000-point bucket refilled at 100 points/s on standard plans; these queries cost 10 to 40 points.
  rateLimit: { requests: 20, perSeconds: 10 },
  realAvailable: true,
  // Discount creation takes no idempotency key in 2025-01; a repeated code is refused as TAKEN instead.
  idempotentWrites: false,
  secretFields: ['accessToken'],
  metadataFields: ['shopDomain'],
  actions: [
    {
      name: 'list_recent_orders',
      description: 'Lists the most recent orders, newest first, with totals and statuses',
      effect: 'read',
      input: ListRecentOrdersInput,
      outputExample: {
        orders: [
          {
            id: 'gid://shopify/Order/5890123456789',
            name: '#1042',
            createdAt: '2025-01-14T09:30:00Z',
            financialStatus: 'PAID',
            fulfillmentStatus: 'UNFULFILLED',
            itemCount: 2,
            total: { amount: '59.00', currencyCode: 'USD' },
          },
        ],
        hasNextPage: false,
      },
    },
    {
      name: 'get_product',
      description: 'Reads one product: title, status, inventory, price range and tags',
      effect: 'read',
      input: GetProductInput,
      outputExample: {
        id: 'gid://shopify/Product/8001234567890',
        title: 'Linen shirt',
        handle: 'linen-shirt',
        status: 'ACTIVE',
        vendor: 'NeonHub Apparel',
        productType: 'Shirts',
        totalInventory: 124,
        tags: ['spring', 'linen'],
        priceRange: { min: { amount: '49.0', currencyCode: 'USD' }, max: { amount: '59.0', currencyCode: 'USD' } },
        updatedAt: '2025-01-10T16:02:11Z',
      },
    },
    {
      name: 'create_discount_code',
      description: 'Creates a discount code (percent or amount off the whole order) for a campaign',
      effect: 'write',
      input: CreateDiscountCodeInput,
      outputExample: {
        id: 'gid://shopify/DiscountCodeNode/1234567890',
        code: 'SPRING20',
        title: 'Spring newsletter 20%',
        status: 'ACTIVE',
        startsAt: '2025-03-01T00:00:00Z',
        summary: '20% off entire order',
      },
    },
  ],
};
