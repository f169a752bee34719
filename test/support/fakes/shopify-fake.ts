import { ScriptedHttpServer, type RecordedRequest, type ScriptedAnswer } from './scripted-http-server';

export const SHOPIFY_FAKE_TOKEN = 'shpat_fake0123456789abcdef0123456789ab';
export const SHOPIFY_FAKE_PRODUCT = 'gid://shopify/Product/8001234567890';

const cost = (requested: number, available = 1_000 - requested) => ({
  cost: { requestedQueryCost: requested, actualQueryCost: requested, throttleStatus: { maximumAvailable: 1_000, currentlyAvailable: available, restoreRate: 100 } },
});

/** A GraphQL 200 carrying THROTTLED, as Shopify answers when the cost bucket is empty. */
export function shopifyThrottled(requested = 252, available = 52): ScriptedAnswer {
  return {
    status: 200,
    body: { errors: [{ message: 'Throttled', extensions: { code: 'THROTTLED', documentation: 'https://shopify.dev/api/usage/rate-limits' } }], extensions: cost(requested, available) },
  };
}

const ORDERS = Array.from({ length: 14 }, (_, i) => ({
  id: `gid://shopify/Order/58901234567${String(89 - i).padStart(2, '0')}`,
  name: `#${1042 - i}`,
  createdAt: new Date(Date.UTC(2025, 0, 14, 9, 30) - i * 86_400_000).toISOString().replace('.000Z', 'Z'),
  displayFinancialStatus: i % 4 === 2 ? 'PENDING' : 'PAID',
  displayFulfillmentStatus: i === 0 ? 'UNFULFILLED' : 'FULFILLED',
  subtotalLineItemsQuantity: 1 + (i % 3),
  totalPriceSet: { shopMoney: { amount: (49 + i * 5).toFixed(2), currencyCode: 'USD' } },
}));

interface GraphQLBody {
  query?: string;
  variables?: Record<string, unknown>;
}

/**
 * A local GraphQL Admin API: checks X-Shopify-Access-Token, answers the three documents the
 * provider sends with Shopify's shapes (nodes, pageInfo, userErrors, cost extensions), refuses a
 * repeated discount code as TAKEN, and answers 429/5xx/THROTTLED/slowly when a test queues it.
 */
export class ShopifyFake {
  readonly server = new ScriptedHttpServer((request) => this.route(request));
  readonly codes = new Set<string>();

  get requests(): RecordedRequest[] {
    return this.server.requests;
  }

  start(): Promise<string> {
    return this.server.start();
  }

  stop(): Promise<void> {
    return this.server.stop();
  }

  reset(): void {
    this.server.reset();
    this.codes.clear();
  }

  private route(request: RecordedRequest): ScriptedAnswer {
    if (request.method !== 'POST' || !request.path.endsWith('/graphql.json')) return { status: 404, body: { errors: 'Not Found' } };
    if (request.headers['x-shopify-access-token'] !== SHOPIFY_FAKE_TOKEN) {
      return { status: 401, body: { errors: '[API] Invalid API key or access token (unrecognized login or wrong password)' } };
    }
    const { query = '', variables = {} } = JSON.parse(request.rawBody || '{}') as GraphQLBody;
    if (query.includes('discountCodeBasicCreate')) return this.createDiscount(variables);
    if (query.includes('orders(')) return this.orders(variables);
    if (query.includes('product(')) return this.product(variables);
    return { status: 200, body: { errors: [{ message: 'Parse error', extensions: { code: 'GRAPHQL_PARSE_FAILED' } }] } };
  }

  private orders(variables: Record<string, unknown>): ScriptedAnswer {
    const first = Number(variables.first);
    if (!Number.isInteger(first) || first < 1 || first > 250) return { status: 200, body: { errors: [{ message: 'invalid first', extensions: { code: 'BAD_USER_INPUT' } }] } };
    const search = String(variables.query ?? '');
    const since = /created_at:>='([^']+)'/.exec(search)?.[1];
    const status = /financial_status:(\w+)/.exec(search)?.[1]?.toUpperCase();
    const matching = ORDERS.filter((o) => (!since || o.createdAt >= since) && (!status || o.displayFinancialStatus === status));
    return { status: 200, body: { data: { orders: { nodes: matching.slice(0, first), pageInfo: { hasNextPage: matching.length > first } } }, extensions: cost(12) } };
  }

  private product(variables: Record<string, unknown>): ScriptedAnswer {
    const found = variables.id === SHOPIFY_FAKE_PRODUCT;
    const product = found
      ? {
          id: SHOPIFY_FAKE_PRODUCT,
          title: 'Linen shirt',
          handle: 'linen-shirt',
          status: 'ACTIVE',
          vendor: 'NeonHub Apparel',
          productType: 'Shirts',
          totalInventory: 124,
          tags: ['linen', 'spring'],
          updatedAt: '2025-01-10T16:02:11Z',
          priceRangeV2: { minVariantPrice: { amount: '49.0', currencyCode: 'USD' }, maxVariantPrice: { amount: '59.0', currencyCode: 'USD' } },
        }
      : null;
    return { status: 200, body: { data: { product }, extensions: cost(3) } };
  }

  private createDiscount(variables: Record<string, unknown>): ScriptedAnswer {
    const input = variables.basicCodeDiscount as { title: string; code: string; startsAt: string; customerGets: { value: { percentage?: number; discountAmount?: { amount: string } } } };
    const answer = (payload: unknown) => ({ status: 200, body: { data: { discountCodeBasicCreate: payload }, extensions: cost(10) } });
    if (this.codes.has(input.code)) {
      return answer({ codeDiscountNode: null, userErrors: [{ field: ['basicCodeDiscount', 'code'], code: 'TAKEN', message: 'Code must be unique. Please try a different code.' }] });
    }
    this.codes.add(input.code);
    const { percentage, discountAmount } = input.customerGets.value;
    return answer({
      codeDiscountNode: {
        id: `gid://shopify/DiscountCodeNode/12345678${this.codes.size}`,
        codeDiscount: {
          title: input.title,
          status: Date.parse(input.startsAt) > Date.UTC(2025, 0, 14) ? 'SCHEDULED' : 'ACTIVE',
          summary: percentage !== undefined ? `${Math.round(percentage * 100)}% off entire order` : `$${discountAmount?.amount} off entire order`,
          startsAt: input.startsAt,
          codes: { nodes: [{ code: input.code }] },
        },
      },
      userErrors: [],
    });
  }
}
