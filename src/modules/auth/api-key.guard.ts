import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { ClsService } from 'nestjs-cls';
import { UnauthenticatedError } from '../../common/errors/domain-errors';
import { enterCallerIdentity, type RequestContext } from '../../infra/cls/request-context';
import { ApiKeysService } from '../api-keys/api-keys.service';

const BEARER = /^Bearer ([^\s]+)$/i;

/** `Authorization: Bearer <api key>`; on success the principal is put in CLS for every layer below. */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(private readonly keys: ApiKeysService, private readonly cls: ClsService<RequestContext>) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const header = context.switchToHttp().getRequest<FastifyRequest>().headers.authorization;
    const token = header ? BEARER.exec(header)?.[1] : undefined;
    if (!token) throw new UnauthenticatedError();
    const principal = await this.keys.authenticate(token);
    enterCallerIdentity(this.cls, principal);
    return true;
  }
}
