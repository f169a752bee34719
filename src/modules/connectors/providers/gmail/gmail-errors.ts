import { categoryForStatus, type ConnectorErrorCategory } from '../../connector-error';
import type { ErrorRefiner } from '../../http/provider-http-client';

/** Google's error body: https://cloud.google.com/apis/design/errors (v1 `errors[].reason` and v2 `status`/`details`). */
interface GoogleErrorBody {
  error?: {
    code?: number;
    status?: string;
    errors?: Array<{ reason?: string }>;
    details?: Array<{ '@type'?: string; reason?: string }>;
  };
}

/** Gmail's `errors[].reason` values, by what the caller can do about them. */
const REASONS: Record<string, ConnectorErrorCategory> = {
  authError: 'AUTH_EXPIRED',
  rateLimitExceeded: 'RATE_LIMITED',
  userRateLimitExceeded: 'RATE_LIMITED',
  concurrentLimitExceeded: 'RATE_LIMITED',
  RATE_LIMIT_EXCEEDED: 'RATE_LIMITED',
  quotaExceeded: 'QUOTA_EXCEEDED',
  dailyLimitExceeded: 'QUOTA_EXCEEDED',
  insufficientPermissions: 'PERMISSION_DENIED',
  ACCESS_TOKEN_SCOPE_INSUFFICIENT: 'PERMISSION_DENIED',
  domainPolicy: 'PERMISSION_DENIED',
  forbidden: 'PERMISSION_DENIED',
  notFound: 'NOT_FOUND',
  invalid: 'INVALID_INPUT',
  invalidArgument: 'INVALID_INPUT',
  badRequest: 'INVALID_INPUT',
  failedPrecondition: 'INVALID_INPUT',
  backendError: 'PROVIDER_UNAVAILABLE',
  internalError: 'PROVIDER_UNAVAILABLE',
};

/** The google.rpc.Code names, for answers that carry no reason. */
const STATUSES: Record<string, ConnectorErrorCategory> = {
  UNAUTHENTICATED: 'AUTH_EXPIRED',
  PERMISSION_DENIED: 'PERMISSION_DENIED',
  RESOURCE_EXHAUSTED: 'RATE_LIMITED',
  INVALID_ARGUMENT: 'INVALID_INPUT',
  FAILED_PRECONDITION: 'INVALID_INPUT',
  NOT_FOUND: 'NOT_FOUND',
  UNAVAILABLE: 'PROVIDER_UNAVAILABLE',
  INTERNAL: 'PROVIDER_UNAVAILABLE',
  DEADLINE_EXCEEDED: 'TIMEOUT',
};

/**
 * Google answers a 403 both for missing permission and for rate limits, so the reason decides:
 * rateLimitExceeded is RATE_LIMITED (wait and retry), quotaExceeded and dailyLimitExceeded are
 * QUOTA_EXCEEDED (nothing to do until the quota resets). A 401 is AUTH_EXPIRED: the credentials
 * layer refreshes the token once and retries. Messages name the reason, never Google's text,
 * which can quote the message's headers.
 */
export const refineGmailError: ErrorRefiner = (status, body) => {
  if (status < 400) return undefined;
  const error = (typeof body === 'object' && body !== null ? (body as GoogleErrorBody).error : undefined) ?? {};
  const reason = error.errors?.find((e) => e.reason)?.reason ?? error.details?.find((d) => d.reason)?.reason;
  const category = (reason && REASONS[reason]) || (error.status && STATUSES[error.status]) || categoryForStatus(status);
  return { category, message: `Gmail answered ${status}${reason ? ` ${reason}` : error.status ? ` ${error.status}` : ''}` };
};
