import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ClsService } from 'nestjs-cls';
import type { RequestContext } from '../../../infra/cls/request-context';
import { MissingPermissionError } from './missing-permission.error';
import { ANY_MEMBER, REQUIRED_PERMISSION } from './require-permission.decorator';

/**
 * Runs after the API key guard: the handler's declared permission must be among the calling
 * key's. A handler without a declaration never gets here (the boot check refuses the app), but
 * if one did it is refused rather than let through.
 */
@Injectable()
export class PermissionGuard implements CanActivate {
  constructor(private readonly reflector: Reflector, private readonly cls: ClsService<RequestContext>) {}

  canActivate(context: ExecutionContext): boolean {
    const required = this.reflector.get<string | undefined>(REQUIRED_PERMISSION, context.getHandler());
    if (required === ANY_MEMBER) return true;
    if (!required) throw new MissingPermissionError('(undeclared)', 'this route declares no permission');
    if (!(this.cls.get('permissions') ?? []).includes(required)) throw new MissingPermissionError(required);
    return true;
  }
}
