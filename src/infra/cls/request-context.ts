import type { ClsService, ClsStore } from 'nestjs-cls';

/** What every layer may know about the current request or job, carried by nestjs-cls. */
export interface RequestContext extends ClsStore {
  organizationId?: string;
  userId?: string;
  apiKeyId?: string;
  /** What the calling API key may do (set by the API key guard; absent for jobs, which act as the run's submitter did). */
  permissions?: readonly string[];
}

/** Who a request or job acts for. */
export interface CallerIdentity {
  organizationId: string;
  userId?: string;
  apiKeyId?: string;
}

/**
 * Puts the caller's identity into CLS, the one way every entry point (the API key guard, the job
 * processor, the OAuth callback) does it, so every log line and repository below sees the same fields.
 */
export function enterCallerIdentity(cls: ClsService<RequestContext>, identity: CallerIdentity): void {
  cls.set('organizationId', identity.organizationId);
  if (identity.userId) cls.set('userId', identity.userId);
  if (identity.apiKeyId) cls.set('apiKeyId', identity.apiKeyId);
}
