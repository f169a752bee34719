import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { sendError } from '../common/errors/all-exceptions.filter';
import { errorBody } from '../common/errors/error-body';

/**
 * Errors Node's HTTP parser raises on the socket (malformed request line, headers too large,
 * a request not received in time) never become a request: Fastify answers them here, and its
 * default writes a body in another shape and no request id. This one writes the one error shape.
 */
const CLIENT_ERRORS: Record<string, { statusCode: number; message: string }> = {
  ERR_HTTP_REQUEST_TIMEOUT: { statusCode: 408, message: 'the request was not received in time; the connection is closed' },
  HPE_HEADER_OVERFLOW: { statusCode: 431, message: 'the request line and headers are larger than the allowed limit' },
};
const MALFORMED = { statusCode: 400, message: 'malformed HTTP request' };

/**
 * The id of the request a socket is receiving, so a request that times out while its body is
 * still arriving is answered with the id its headers already got. Weak: gone with the socket.
 */
const requestIds = new WeakMap<Socket, string>();

export function trackRequestId(request: FastifyRequest): void {
  requestIds.set(request.raw.socket, String(request.id));
}

export function forgetRequestId(request: FastifyRequest): void {
  requestIds.delete(request.raw.socket);
}

export function answerClientError(error: NodeJS.ErrnoException, socket: Socket): void {
  // A reset connection has no one left to answer.
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const { statusCode, message } = CLIENT_ERRORS[error.code ?? ''] ?? MALFORMED;
  const requestId = requestIds.get(socket) ?? randomUUID();
  const body = JSON.stringify(errorBody(statusCode, message, requestId));
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${statusCode} ${STATUS_CODES[statusCode]}\r\n` +
        `content-type: application/json; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\n` +
        `x-request-id: ${requestId}\r\nconnection: close\r\n\r\n${body}`,
    );
  }
  // As Node itself does after a parser error: the stream is out of sync, so it cannot be reused.
  socket.destroy();
}

/**
 * Router errors Fastify raises before any hook runs (a bad percent-encoding in the path, a path
 * parameter over maxParamLength): the same reply as every other error.
 */
export function answerFrameworkError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  sendError(error, request, reply, request.log);
}
