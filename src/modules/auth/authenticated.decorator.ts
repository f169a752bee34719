import { applyDecorators, createParamDecorator, UseGuards } from '@nestjs/common';
import { ApiBearerAuth } from '@nestjs/swagger';
import { ClsServiceManager } from 'nestjs-cls';
import { ApiErrors } from '../../common/openapi/api-errors.decorator';
import type { RequestContext } from '../../infra/cls/request-context';
import type { Principal } from '../api-keys/api-keys.service';
import { ApiKeyGuard } from './api-key.guard';

export const API_KEY_SCHEME = 'api-key';

/** Every /v1 controller carries this: the guard, the OpenAPI security scheme, the 401 answer and the 429 of an address with too many failures. */
export function Authenticated(): ClassDecorator & MethodDecorator {
  return applyDecorators(UseGuards(ApiKeyGuard), ApiBearerAuth(API_KEY_SCHEME), ApiErrors(401, 429));
}

/** The authenticated caller, as the guard put it in CLS. */
export const CurrentPrincipal = createParamDecorator((): Principal => {
  const cls = ClsServiceManager.getClsService<RequestContext>();
  return { organizationId: cls.get('organizationId')!, userId: cls.get('userId')!, apiKeyId: cls.get('apiKeyId')! };
});
