/** The GraphQL Admin API documents this provider sends (version in manifest.ts), and the answers' shapes. */

export const RECENT_ORDERS = `query RecentOrders($first: Int!, $query: String) {
  orders(first: $first, sortKey: CREATED_AT, reverse: true, query: $query) {
    nodes {
      id
      name
      createdAt
      displayFinancialStatus
      displayFulfillmentStatus
      subtotalLineItemsQuantity
      totalPriceSet { shopMoney { amount currencyCode } }
    }
    pageInfo { hasNextPage }
  }
}`;

export const PRODUCT = `query Product($id: ID!) {
  product(id: $id) {
    id
    title
    handle
    status
    vendor
    productType
    totalInventory
    tags
    updatedAt
    priceRangeV2 {
      minVariantPrice { amount currencyCode }
      maxVariantPrice { amount currencyCode }
    }
  }
}`;

export const CREATE_DISCOUNT_CODE = `mutation CreateDiscountCode($basicCodeDiscount: DiscountCodeBasicInput!) {
  discountCodeBasicCreate(basicCodeDiscount: $basicCodeDiscount) {
    codeDiscountNode {
      id
      codeDiscount {
        ... on DiscountCodeBasic {
          title
          status
          summary
          startsAt
          codes(first: 1) { nodes { code } }
        }
      }
    }
    userErrors { field code message }
  }
}`;

export interface Money {
  amount: string;
  currencyCode: string;
}

export interface RecentOrdersData {
  orders: {
    nodes: {
      id: string;
      name: string;
      createdAt: string;
      displayFinancialStatus: string | null;
      displayFulfillmentStatus: string;
      subtotalLineItemsQuantity: number;
      totalPriceSet: { shopMoney: Money };
    }[];
    pageInfo: { hasNextPage: boolean };
  };
}

export interface ProductData {
  product: {
    id: string;
    title: string;
    handle: string;
    status: string;
    vendor: string;
    productType: string;
    totalInventory: number;
    tags: string[];
    updatedAt: string;
    priceRangeV2: { minVariantPrice: Money; maxVariantPrice: Money };
  } | null;
}

export interface CreateDiscountCodeData {
  discountCodeBasicCreate: {
    codeDiscountNode: {
      id: string;
      codeDiscount: { title: string; status: string; summary: string; startsAt: string; codes: { nodes: { code: string }[] } };
    } | null;
    userErrors: { field: string[] | null; code: string | null; message: string }[];
  };
}

export interface GraphQLAnswer<T> {
  data?: T;
  errors?: { message: string; extensions?: { code?: string } }[];
  extensions?: { cost?: { requestedQueryCost: number; throttleStatus: { currentlyAvailable: number; restoreRate: number } } };
}
