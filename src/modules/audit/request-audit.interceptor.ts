import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ClsService } from 'nestjs-cls';
import { PinoLogger } from 'nestjs-pino';
import { concatMap, type Observable } from 'rxjs';
import type { RequestContext } from '../../infra/cls/request-context';
import { AuditService } from './audit.service';
import { requestAction } from './request-action';

/** Where @ApiOperation keeps its options (@nestjs/swagger's DECORATORS.API_OPERATION, not exported from its entry point). */
const API_OPERATION = 'swagger/apiOperation';

/**
 * The audit entry of a state-changing /v1 request that succeeded, for every change no service
 * audits explicitly (bound to those handlers only, see bindRequestAudit).
 *
 * Why after the handler and not in one transaction with it: a transaction around the handler
 * would hold a database connection and its row locks across model calls, provider calls and
 * uploads (synchronous runs, connector actions, knowledge intake). So the changes the audit
 * exists for (credentials, keys, roles, approvals, configuration) are audited explicitly inside
 * their own service's transaction, and this entry follows the handler's success: the request
 * then already wrote its explicit entry (AuditService.recordedThisRequest) and adds none, so each
 * change has one entry. The entry holds the route, never the body or the query.
 */
@Injectable()
export class RequestAuditInterceptor implements NestInterceptor {
  constructor(private readonly audit: AuditService, private readonly cls: ClsService<RequestContext>, private readonly logger: PinoLogger) {
    logger.setContext(RequestAuditInterceptor.name);
  }

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    let recorded = false;
    this.audit.beginRequest();
    return next.handle().pipe(
      concatMap(async (body: unknown) => {
        // A handler answering a stream emits more than once; the request is one change.
        if (!recorded) {
          recorded = true;
          await this.recordRequest(context, body);
        }
        return body;
      }),
    );
  }

  private async recordRequest(context: ExecutionContext, body: unknown): Promise<void> {
    const organizationId = this.cls.isActive() ? this.cls.get('organizationId') : undefined;
    // No organization: an unauthenticated route (a provider's inbound webhook) has no trail to file under.
    if (!organizationId || this.audit.recordedThisRequest()) return;
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    // The route's pattern; never the URL as sent, whose query may carry a token.
    const route = request.routeOptions.url ?? request.url.split('?')[0];
    const { action, targetType, targetParam } = requestAction(request.method, route);
    const params = (request.params ?? {}) as Record<string, string | undefined>;
    const operation = Reflect.getMetadata(API_OPERATION, context.getHandler()) as { operationId?: string } | undefined;
    try {
      await this.audit.record({
        organizationId,
        action,
        targetType,
        targetId: (targetParam ? params[targetParam] : undefined) ?? createdId(body),
        statusCode: reply.statusCode,
        metadata: { method: request.method, route, ...(operation?.operationId ? { operationId: operation.operationId } : {}) },
      });
    } catch (error) {
      // The change is made and answered as made; an entry that could not be written is an operator's alarm, not the client's error.
      this.logger.error({ action, reason: (error as Error).message }, 'audit entry of a request not written');
    }
  }
}

/** The id of what a POST created, when its answer names one. */
function createdId(body: unknown): string | undefined {
  const id = typeof body === 'object' && body !== null ? (body as { id?: unknown }).id : undefined;
  return typeof id === 'string' ? id : undefined;
}
