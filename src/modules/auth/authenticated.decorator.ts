import { applyDecorators, createParamDecorator, UseGuards } from '@nestjs/common';
import { ApiBearerAuth } from '@nestjs/swagger';
import { ClsServiceManager } from 'nestjs-cls';
import { ApiErrors } from '../../common/openapi/api-errors.decorator';
import type { RequestContext } from '../../infra/cls/request-context';
import type { Principal } from '../api-keys/api-keys.service';
import { ApiKeyGuard } from './api-key.guard';
import { ApiKeyRateLimitGuard } from './api-key-rate-limit.guard';
import { PermissionGuard } from './permissions/permission.guard';
import type { Permission } from './permissions/permissions';

export const API_KEY_SCHEME = 'api-key';

/**
 * Every /v1 controller carries this: the key, then the key's request budget, then the handler's
 * declared permission (each handler declares one, see RequirePermission), the OpenAPI security
 * scheme, the 401 answer and the 429 of a key past its budget or an address with too many failures.
 */
export function Authenticated(): ClassDecorator & MethodDecorator {
  return applyDecorators(UseGuards(ApiKeyGuard, ApiKeyRateLimitGuard, PermissionGuard), ApiBearerAuth(API_KEY_SCHEME), ApiErrors(401, 429));
}

/** What the calling key may do, as the guard put it in CLS. */
export const CurrentPermissions = createParamDecorator((): readonly Permission[] => {
  const cls = ClsServiceManager.getClsService<RequestContext>();
  return (cls.get('permissions') ?? []) as readonly Permission[];
});

/** The authenticated caller, as the guard put it in CLS. */
export const CurrentPrincipal = createParamDecorator((): Principal => {
  const cls = ClsServiceManager.getClsService<RequestContext>();
  return { organizationId: cls.get('organizationId')!, userId: cls.get('userId')!, apiKeyId: cls.get('apiKeyId')! };
});
