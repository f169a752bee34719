import type { RealActions, RealProviderFactoryDeps } from '../../connector-definition';
import { ConnectorError } from '../../connector-error';
import type { ConnectorCallContext } from '../../connector.types';
import type { ProviderHttpClient } from '../../http/provider-http-client';
import type { CreateDiscountCodeInput, GetProductInput, ListRecentOrdersInput } from './dto';
import { SHOPIFY_API_VERSION } from './manifest';
import { refineShopifyError } from './shopify-errors';
import {
  CREATE_DISCOUNT_CODE,
  PRODUCT,
  RECENT_ORDERS,
  type CreateDiscountCodeData,
  type GraphQLAnswer,
  type ProductData,
  type RecentOrdersData,
} from './shopify-graphql';

/** Only Shopify's own hosts: the domain comes from stored metadata and must not point the token anywhere else. */
const SHOP_DOMAIN = /^[a-z0-9][a-z0-9-]{0,60}\.myshopify\.com$/i;

const productGid = (id: string) => (id.startsWith('gid://') ? id : `gid://shopify/Product/${id}`);

/** Shopify's search syntax: https://shopify.dev/docs/api/usage/search-syntax */
function orderSearch(input: ListRecentOrdersInput): string | undefined {
  const terms = [input.createdAfter && `created_at:>='${input.createdAfter}'`, input.financialStatus && `financial_status:${input.financialStatus}`].filter(Boolean);
  return terms.length ? terms.join(' AND ') : undefined;
}

/** Shopify's GraphQL Admin API through the shared client, one shop per connection. */
export function shopifyReal(deps: RealProviderFactoryDeps): RealActions {
  const override = deps.baseUrl ? deps.http({ refine: refineShopifyError }) : undefined;

  const clientFor = (context: ConnectorCallContext): ProviderHttpClient => {
    if (override) return override;
    const shop = context.metadata.shopDomain;
    if (!shop || !SHOP_DOMAIN.test(shop)) {
      throw new ConnectorError('NOT_CONNECTED', 'connector shopify needs the shop domain (<shop>.myshopify.com) in its connection metadata');
    }
    return deps.http({ baseUrl: `https://${shop}/admin/api/${SHOPIFY_API_VERSION}`, refine: refineShopifyError });
  };

  const graphql = async <T>(context: ConnectorCallContext, query: string, variables: object, readOnly: boolean): Promise<T> => {
    const token = context.secrets.accessToken;
    if (!token) throw ConnectorError.notConnected('shopify');
    const { body } = await clientFor(context).request<GraphQLAnswer<T>>({
      method: 'POST',
      path: '/graphql.json',
      headers: { 'x-shopify-access-token': token },
      json: { query, variables },
      // Every GraphQL call is a POST; queries are as safe to repeat as a GET, mutations are not.
      readOnly,
      signal: context.signal,
    });
    if (!body?.data) throw new ConnectorError('PROVIDER_UNAVAILABLE', 'shopify: the answer carried no data');
    return body.data;
  };

  return {
    async list_recent_orders(raw, context) {
      const input = raw as unknown as ListRecentOrdersInput;
      const { orders } = await graphql<RecentOrdersData>(context, RECENT_ORDERS, { first: input.first ?? 10, query: orderSearch(input) }, true);
      return {
        orders: orders.nodes.map((o) => ({
          id: o.id,
          name: o.name,
          createdAt: o.createdAt,
          financialStatus: o.displayFinancialStatus,
          fulfillmentStatus: o.displayFulfillmentStatus,
          itemCount: o.subtotalLineItemsQuantity,
          total: { amount: o.totalPriceSet.shopMoney.amount, currencyCode: o.totalPriceSet.shopMoney.currencyCode },
        })),
        hasNextPage: orders.pageInfo.hasNextPage,
      };
    },

    async get_product(raw, context) {
      const input = raw as unknown as GetProductInput;
      const { product } = await graphql<ProductData>(context, PRODUCT, { id: productGid(input.productId) }, true);
      if (!product) throw new ConnectorError('NOT_FOUND', `shopify: no product ${productGid(input.productId)}`);
      const { minVariantPrice: min, maxVariantPrice: max } = product.priceRangeV2;
      return {
        id: product.id,
        title: product.title,
        handle: product.handle,
        status: product.status,
        vendor: product.vendor,
        productType: product.productType,
        totalInventory: product.totalInventory,
        tags: product.tags,
        priceRange: { min: { amount: min.amount, currencyCode: min.currencyCode }, max: { amount: max.amount, currencyCode: max.currencyCode } },
        updatedAt: product.updatedAt,
      };
    },

    async create_discount_code(raw, context) {
      const input = raw as unknown as CreateDiscountCodeInput;
      const value = input.percentage !== undefined ? { percentage: input.percentage / 100 } : { discountAmount: { amount: String(input.amountOff), appliesOnEachItem: false } };
      const data = await graphql<CreateDiscountCodeData>(
        context,
        CREATE_DISCOUNT_CODE,
        {
          basicCodeDiscount: {
            title: input.title,
            code: input.code,
            startsAt: input.startsAt,
            endsAt: input.endsAt,
            usageLimit: input.usageLimit,
            appliesOncePerCustomer: input.appliesOncePerCustomer ?? false,
            customerSelection: { all: true },
            customerGets: { value, items: { all: true } },
          },
        },
        false,
      );
      const { codeDiscountNode: node, userErrors } = data.discountCodeBasicCreate;
      if (userErrors.length > 0 || !node) {
        const taken = userErrors.some((e) => e.code === 'TAKEN');
        const fields = userErrors.map((e) => `${(e.field ?? []).join('.')}: ${e.code ?? 'INVALID'}`).join('; ');
        throw new ConnectorError(taken ? 'CONFLICT' : 'INVALID_INPUT', `shopify: discount refused (${fields || 'no details'})`, { providerStatus: 200, requestSent: true });
      }
      const discount = node.codeDiscount;
      return { id: node.id, code: discount.codes.nodes[0]?.code ?? input.code, title: discount.title, status: discount.status, startsAt: discount.startsAt, summary: discount.summary };
    },
  };
}
