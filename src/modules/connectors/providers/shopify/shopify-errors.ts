import type { ConnectorErrorCategory } from '../../connector-error';
import type { ErrorRefiner } from '../../http/provider-http-client';
import type { GraphQLAnswer } from './shopify-graphql';

const BY_STATUS: Record<number, ConnectorErrorCategory> = {
  // An Admin API access token does not refresh: an uninstalled app or rotated token needs a new one.
  401: 'REAUTH_REQUIRED',
  // 402: the shop's plan is unpaid (frozen); 423: the shop is locked. Neither is fixed by retrying.
  402: 'PERMISSION_DENIED',
  403: 'PERMISSION_DENIED',
  423: 'PERMISSION_DENIED',
};

const BY_GRAPHQL_CODE: Record<string, ConnectorErrorCategory> = {
  THROTTLED: 'RATE_LIMITED',
  ACCESS_DENIED: 'PERMISSION_DENIED',
  INTERNAL_SERVER_ERROR: 'PROVIDER_UNAVAILABLE',
  MAX_COST_EXCEEDED: 'INVALID_INPUT',
};

/**
 * Shopify fails in two ways: HTTP statuses (401 token, 429 with Retry-After, 5xx) and GraphQL
 * `errors` inside a 200, of which THROTTLED means the cost bucket is empty; the wait is what
 * the query costs beyond what is available, at the restore rate.
 * https://shopify.dev/docs/api/usage/rate-limits#graphql-admin-api-rate-limits
 */
export const refineShopifyError: ErrorRefiner = (status, body) => {
  if (status >= 400) {
    const category = BY_STATUS[status];
    return category ? { category, message: `Shopify answered ${status}` } : undefined;
  }
  const answer = body as GraphQLAnswer<unknown> | undefined;
  const errors = answer?.errors;
  if (!answer || !Array.isArray(errors) || errors.length === 0) return undefined;
  const code = errors[0].extensions?.code ?? 'GRAPHQL_ERROR';
  const category = BY_GRAPHQL_CODE[code] ?? 'INVALID_INPUT';
  return { category, message: `Shopify GraphQL error ${code}`, retryAfterMs: category === 'RATE_LIMITED' ? throttleWait(answer) : undefined };
};

function throttleWait(answer: GraphQLAnswer<unknown>): number {
  const cost = answer.extensions?.cost;
  if (!cost || cost.throttleStatus.restoreRate <= 0) return 1_000;
  const missing = Math.max(0, cost.requestedQueryCost - cost.throttleStatus.currentlyAvailable);
  return Math.max(1_000, Math.ceil(missing / cost.throttleStatus.restoreRate) * 1_000);
}
