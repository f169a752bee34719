import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PinoLogger } from 'nestjs-pino';
import { describeError } from './describe-error';
import { errorBody } from './error-body';

/** The one place any failure becomes an HTTP response: `{ statusCode, error, message, requestId }`. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  constructor(private readonly logger: PinoLogger) {
    logger.setContext(AllExceptionsFilter.name);
  }

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    sendError(exception, http.getRequest<FastifyRequest>(), http.getResponse<FastifyReply>(), this.logger);
  }
}

export function sendError(exception: unknown, request: FastifyRequest, reply: FastifyReply, logger: Pick<PinoLogger, 'error'>): void {
  const described = describeError(exception);
  const requestId = String(request.id);
  if (described.internal) {
    logger.error({ err: exception, requestId }, 'request failed unexpectedly');
  }
  const message = described.internal ? `internal error; quote request id ${requestId} when reporting it` : described.message;
  // Set here too: errors raised before the onRequest hooks (router errors) have no header yet.
  void reply.status(described.statusCode).headers({ ...described.headers, 'x-request-id': requestId }).send(errorBody(described.statusCode, message, requestId));
}
