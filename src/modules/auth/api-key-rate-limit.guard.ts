import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ClsService } from 'nestjs-cls';
import type { RequestContext } from '../../infra/cls/request-context';
import { ApiKeyBudget, ApiKeyRequestLimiter } from './api-key-request-limiter';

/**
 * The request budget of the calling API key (ApiKeyRequestLimiter); runs right after ApiKeyGuard,
 * which put the key's id in CLS, so every authenticated request takes a point whatever it then
 * answers. Every answer tells the client where it stands (RateLimit-Limit, -Remaining and -Reset
 * in seconds, as in the IETF RateLimit header fields draft); a refusal is 429 with Retry-After.
 */
@Injectable()
export class ApiKeyRateLimitGuard implements CanActivate {
  constructor(
    private readonly budget: ApiKeyRequestLimiter,
    private readonly cls: ClsService<RequestContext>,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const apiKeyId = this.cls.get('apiKeyId');
    // A wiring mistake (this guard listed before ApiKeyGuard, or alone), never a client's: a 500, not a pass.
    if (!apiKeyId) throw new Error('ApiKeyRateLimitGuard must run after ApiKeyGuard, which identifies the API key');
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    const tell = (budget: ApiKeyBudget) =>
      void reply.headers({ 'ratelimit-limit': String(budget.limit), 'ratelimit-remaining': String(budget.remaining), 'ratelimit-reset': String(budget.resetSeconds) });
    tell(await this.budget.take(apiKeyId, tell));
    return true;
  }
}
