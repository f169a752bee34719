import type { ConnectorErrorCategory } from '../../connector-error';
import type { ErrorRefiner } from '../../http/provider-http-client';

/** X API v2 problem details: https://developer.x.com/en/support/x-api/error-troubleshooting */
interface XProblem {
  type?: string;
  title?: string;
  detail?: string;
}

interface XAnswer extends XProblem {
  data?: unknown;
  errors?: XProblem[];
}

const PROBLEMS = 'https://api.twitter.com/2/problems/';

const BY_PROBLEM: Record<string, ConnectorErrorCategory> = {
  'resource-not-found': 'NOT_FOUND',
  'not-authorized-for-resource': 'PERMISSION_DENIED',
  'client-forbidden': 'PERMISSION_DENIED',
  'unsupported-authentication': 'PERMISSION_DENIED',
  'invalid-request': 'INVALID_INPUT',
  // The monthly post cap of the app's tier: waiting minutes does not help.
  'usage-capped': 'QUOTA_EXCEEDED',
};

const problemName = (type: string | undefined) => (type?.startsWith(PROBLEMS) ? type.slice(PROBLEMS.length) : undefined);

/** x-rate-limit-reset is the end of the window in epoch seconds (not a delay like Retry-After). */
export function resetDelayMs(headers: Headers, now = Date.now()): number | undefined {
  const reset = Number(headers.get('x-rate-limit-reset'));
  return headers.has('x-rate-limit-reset') && Number.isFinite(reset) ? Math.max(0, reset * 1000 - now) : undefined;
}

/**
 * Maps X's answers to categories: problem types first, then the status. A read of a missing or
 * protected post comes back as 200 with `errors` and no `data`. Messages name the problem, never
 * X's detail text (it can quote the post).
 */
export const refineXError: ErrorRefiner = (status, body, headers) => {
  const answer = (body ?? {}) as XAnswer;
  if (status < 400) {
    if (answer.data !== undefined || !Array.isArray(answer.errors) || answer.errors.length === 0) return undefined;
    const problem = problemName(answer.errors[0].type);
    return { category: (problem && BY_PROBLEM[problem]) || 'INVALID_INPUT', message: `X answered ${problem ?? 'an error'}` };
  }
  const problem = problemName(answer.type);
  if (problem && BY_PROBLEM[problem]) return { category: BY_PROBLEM[problem], message: `X answered ${status} (${problem})` };
  if (status === 429) return { category: 'RATE_LIMITED', message: 'X answered 429 (rate limited)', retryAfterMs: resetDelayMs(headers) };
  // A user token expires after two hours: the credentials layer refreshes it and retries once.
  if (status === 401) return { category: 'AUTH_EXPIRED', message: 'X answered 401 (access token rejected)' };
  if (status === 403 && /duplicate content/i.test(answer.detail ?? '')) return { category: 'CONFLICT', message: 'X answered 403 (duplicate post)' };
  return undefined;
};
