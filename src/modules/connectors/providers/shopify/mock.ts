import { createHash } from 'node:crypto';
import type { MockActionContext, MockBehaviour } from '../../connector-definition';
import type { CreateDiscountCodeInput, GetProductInput, ListRecentOrdersInput } from './dto';

/** An instant `minutesBack` before the call's clock (context.now). */
const at = (now: number, minutesBack = 0) => new Date(now - minutesBack * 60_000).toISOString().replace('.000Z', 'Z');
/** Shopify's numeric ids are 13 digits; derived from the call so they are stable and look real. */
const numericId = (context: MockActionContext, index: number) =>
  String(5_000_000_000_000 + (parseInt(createHash('sha256').update(`${context.deterministicId('')}:${index}`).digest('hex').slice(0, 10), 16) % 999_999_999_999));

const FINANCIAL = ['PAID', 'PAID', 'PENDING', 'PARTIALLY_REFUNDED', 'PAID'];
const TOTALS = ['59.00', '124.50', '18.00', '89.90', '42.00'];

export const shopifyMock: MockBehaviour = {
  list_recent_orders: (raw, context) => {
    const input = raw as unknown as ListRecentOrdersInput;
    const count = Math.min(input.first ?? 10, 5);
    const orders = Array.from({ length: count }, (_, i) => ({
      id: `gid://shopify/Order/${numericId(context, i)}`,
      name: `#${1000 + context.sequence * 10 + (count - i)}`,
      createdAt: at(context.now, i * 75),
      financialStatus: input.financialStatus?.toUpperCase() ?? FINANCIAL[(context.sequence + i) % FINANCIAL.length],
      fulfillmentStatus: i === 0 ? 'UNFULFILLED' : 'FULFILLED',
      itemCount: 1 + ((context.sequence + i) % 3),
      total: { amount: TOTALS[(context.sequence + i) % TOTALS.length], currencyCode: 'USD' },
    }));
    return { orders, hasNextPage: (input.first ?? 10) > count };
  },

  get_product: (raw, context) => {
    const { productId } = raw as unknown as GetProductInput;
    const id = productId.startsWith('gid://') ? productId : `gid://shopify/Product/${productId}`;
    return {
      id,
      title: 'Linen shirt',
      handle: 'linen-shirt',
      status: 'ACTIVE',
      vendor: 'NeonHub Apparel',
      productType: 'Shirts',
      totalInventory: 124 - (context.sequence % 20),
      tags: ['spring', 'linen'],
      priceRange: { min: { amount: '49.0', currencyCode: 'USD' }, max: { amount: '59.0', currencyCode: 'USD' } },
      updatedAt: at(context.now, 600),
    };
  },

  create_discount_code: (raw, context) => {
    const input = raw as unknown as CreateDiscountCodeInput;
    const off = input.percentage !== undefined ? `${input.percentage}% off entire order` : `$${input.amountOff!.toFixed(2)} off entire order`;
    return {
      id: `gid://shopify/DiscountCodeNode/${numericId(context, 0)}`,
      code: input.code,
      title: input.title,
      // Scheduled relative to the mock's own clock, so the answer never depends on the real one.
      status: Date.parse(input.startsAt) > context.now ? 'SCHEDULED' : 'ACTIVE',
      startsAt: new Date(input.startsAt).toISOString().replace('.000Z', 'Z'),
      summary: input.appliesOncePerCustomer ? `${off} • One use per customer` : off,
    };
  },
};
