import { FastifyAdapter } from '@nestjs/platform-fastify';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { AppConfig } from '../config/app-config';

// A caller's id is echoed only if it is safe to put in logs and headers.
const CLIENT_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export function requestIdFor(req: IncomingMessage): string {
  const header = req.headers['x-request-id'];
  return typeof header === 'string' && CLIENT_REQUEST_ID.test(header) ? header : randomUUID();
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
  });
}
