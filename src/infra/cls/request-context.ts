import { ClsStore } from 'nestjs-cls';

/** What every layer may know about the current request or job, carried by nestjs-cls. */
export interface RequestContext extends ClsStore {
  organizationId?: string;
  userId?: string;
  apiKeyId?: string;
}
