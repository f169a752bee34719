import type { ConnectorErrorCategory } from '../../connector-error';
import type { ErrorRefiner } from '../../http/provider-http-client';

interface StripeErrorBody {
  error?: { type?: string; code?: string; param?: string; decline_code?: string };
}

/** https://docs.stripe.com/api/errors: the `type` says whose fault it is; the status refines it. */
const BY_TYPE: Record<string, ConnectorErrorCategory> = {
  card_error: 'INVALID_INPUT',
  invalid_request_error: 'INVALID_INPUT',
  // An API key does not refresh: a rolled or revoked key needs a person to enter a new one.
  authentication_error: 'REAUTH_REQUIRED',
  permission_error: 'PERMISSION_DENIED',
  rate_limit_error: 'RATE_LIMITED',
  api_error: 'PROVIDER_UNAVAILABLE',
  idempotency_error: 'CONFLICT',
};

/**
 * Maps Stripe's error JSON to a category. The message names the type, code and parameter only:
 * Stripe's own message may quote customer data back (emails, card details).
 */
export const refineStripeError: ErrorRefiner = (status, body) => {
  if (status < 400) return undefined;
  const error = (body as StripeErrorBody | undefined)?.error;
  const detail = [error?.type ?? `status ${status}`, error?.code, error?.param && `parameter ${error.param}`].filter(Boolean).join(', ');
  return { category: categoryFor(status, error?.type, error?.code), message: `Stripe answered ${status} (${detail})` };
};

function categoryFor(status: number, type: string | undefined, code: string | undefined): ConnectorErrorCategory {
  // Stripe reports rate limits as invalid_request_error with code rate_limit on current API versions.
  if (status === 429 || code === 'rate_limit') return 'RATE_LIMITED';
  if (status === 401) return 'REAUTH_REQUIRED';
  if (status === 403) return 'PERMISSION_DENIED';
  if (status === 404 || code === 'resource_missing') return 'NOT_FOUND';
  if (status === 409 || code === 'resource_already_exists') return 'CONFLICT';
  if (type && BY_TYPE[type]) return BY_TYPE[type];
  return status >= 500 ? 'PROVIDER_UNAVAILABLE' : 'INVALID_INPUT';
}
