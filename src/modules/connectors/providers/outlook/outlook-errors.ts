import { categoryForStatus, type ConnectorErrorCategory } from '../../connector-error';
import type { ErrorRefiner } from '../../http/provider-http-client';

/** Microsoft Graph's `error.code` values for mail, by what the caller can do about them. */
const CODES: Record<string, ConnectorErrorCategory> = {
  InvalidAuthenticationToken: 'AUTH_EXPIRED',
  CompactToken_ParsingFailed: 'AUTH_EXPIRED',
  ErrorAccessDenied: 'PERMISSION_DENIED',
  Authorization_RequestDenied: 'PERMISSION_DENIED',
  ErrorSendAsDenied: 'PERMISSION_DENIED',
  MailboxNotEnabledForRESTAPI: 'PERMISSION_DENIED',
  TooManyRequests: 'RATE_LIMITED',
  ApplicationThrottled: 'RATE_LIMITED',
  ErrorTooManyObjectsOpened: 'RATE_LIMITED',
  ErrorQuotaExceeded: 'QUOTA_EXCEEDED',
  ErrorExceededMessageLimit: 'QUOTA_EXCEEDED',
  ErrorInvalidRecipients: 'INVALID_INPUT',
  ErrorInvalidRequest: 'INVALID_INPUT',
  ErrorMessageSizeExceeded: 'INVALID_INPUT',
  BadRequest: 'INVALID_INPUT',
  RequestBodyRead: 'INVALID_INPUT',
  ErrorItemNotFound: 'NOT_FOUND',
  ResourceNotFound: 'NOT_FOUND',
  ServiceNotAvailable: 'PROVIDER_UNAVAILABLE',
  ErrorServerBusy: 'PROVIDER_UNAVAILABLE',
  UnknownError: 'PROVIDER_UNAVAILABLE',
  generalException: 'PROVIDER_UNAVAILABLE',
};

/**
 * Graph answers `{ error: { code, message } }`; the code decides the category (a 401 is
 * AUTH_EXPIRED, refreshed once by the credentials layer), else the HTTP status. Messages name
 * the code, never Graph's text, which can quote recipients.
 */
export const refineOutlookError: ErrorRefiner = (status, body) => {
  if (status < 400) return undefined;
  const code = typeof body === 'object' && body !== null ? (body as { error?: { code?: unknown } }).error?.code : undefined;
  const known = typeof code === 'string' ? CODES[code] : undefined;
  return { category: known ?? categoryForStatus(status), message: `Microsoft Graph answered ${status}${typeof code === 'string' ? ` ${code}` : ''}` };
};
