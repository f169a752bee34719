import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { ClsService } from 'nestjs-cls';
import { UnauthenticatedError } from '../../common/errors/domain-errors';
import { enterCallerIdentity, type RequestContext } from '../../infra/cls/request-context';
import { ApiKeysService } from '../api-keys/api-keys.service';
import { AuthFailureLimiter } from './auth-failure-limiter';

const BEARER = /^Bearer ([^\s]+)$/i;

/**
 * `Authorization: Bearer <api key>`; on success the principal is put in CLS for every layer below.
 * A refused key counts against the client's address (`request.ip`: the socket's address, or
 * X-Forwarded-For's as far as TRUST_PROXY allows); a request without any key is no guess and
 * does not count. An address past its limit is refused before its key is looked at.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly keys: ApiKeysService,
    private readonly failures: AuthFailureLimiter,
    private readonly cls: ClsService<RequestContext>,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const header = request.headers.authorization;
    const token = header ? BEARER.exec(header)?.[1] : undefined;
    if (!token) {
      await this.failures.assertNotBlocked(request.ip);
      this.failures.recordMissingCredential();
      throw new UnauthenticatedError();
    }
    // The address check and the key lookup go out together (every request pays for both; neither
    // waits for the other), and the address decides first: a blocked address learns nothing of its key.
    const [gate, lookup] = await Promise.allSettled([this.failures.assertNotBlocked(request.ip), this.keys.authenticate(token)]);
    if (gate.status === 'rejected') throw gate.reason;
    if (lookup.status === 'rejected') {
      if (lookup.reason instanceof UnauthenticatedError) await this.failures.recordFailure(request.ip);
      throw lookup.reason;
    }
    enterCallerIdentity(this.cls, lookup.value);
    this.cls.set('permissions', lookup.value.permissions);
    return true;
  }
}
