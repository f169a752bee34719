import { FastifyAdapter } from '@nestjs/platform-fastify';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { AppConfig } from '../config/app-config';
import { answerClientError, answerFrameworkError } from './client-errors';

// A caller's id is echoed only if it is safe to put in logs and headers.
const CLIENT_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export function requestIdFor(req: IncomingMessage): string {
  const header = req.headers['x-request-id'];
  return typeof header === 'string' && CLIENT_REQUEST_ID.test(header) ? header : randomUUID();
}

/**
 * How often Node looks for requests past their timeout. Its default (30 s) would let a 30 s
 * timeout fire anywhere up to 60 s; a quarter of the timeout, at most a second, keeps it close.
 */
export function timeoutCheckIntervalMs(requestTimeoutMs: number): number {
  return Math.max(10, Math.min(1_000, Math.floor(requestTimeoutMs / 4)));
}

export function createFastifyAdapter(config: AppConfig): FastifyAdapter {
  return new FastifyAdapter({
    bodyLimit: config.bodyLimitBytes,
    genReqId: requestIdFor,
    requestIdHeader: false,
    // request.ip: the socket's address unless TRUST_PROXY names the proxies whose X-Forwarded-For to believe.
    trustProxy: config.trustProxy,
    logger: false,
    // Idle keep-alive sockets must not hold shutdown open; in-flight requests still finish.
    forceCloseConnections: 'idle',
    return503OnClosing: true,
    // Node's requestTimeout times the receipt of a request (headers and body) and stops once the
    // last byte is in, so a slow client is cut at 408 while a sync run may still take its full
    // RUN_TIMEOUT_MS to answer. Fastify's own default (0) leaves only Node's 300 s, checked every 30 s.
    requestTimeout: config.requestTimeoutMs,
    http: { headersTimeout: config.requestTimeoutMs, connectionsCheckingInterval: timeoutCheckIntervalMs(config.requestTimeoutMs) },
    clientErrorHandler: answerClientError,
    frameworkErrors: answerFrameworkError,
  });
}
