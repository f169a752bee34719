import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance } from 'fastify';

const closing = new WeakSet<FastifyInstance>();

/**
 * Responses sent while the server shuts down say `Connection: close`: a kept-alive socket whose
 * last request was answered then ends with it, instead of holding the server's close open until
 * the client happens to hang up (Node closes idle sockets only at the moment close begins).
 */
export function closeConnectionsWhenClosing(fastify: FastifyInstance): void {
  fastify.addHook('onSend', async (_request, reply) => {
    if (closing.has(fastify)) void reply.header('connection', 'close');
  });
}

/**
 * SIGTERM for an API: stop accepting first (the HTTP server closes at once: new connections are
 * refused, requests on kept-alive ones answered 503), then the modules shut down while the
 * requests in flight are answered (RunHandBack hands back runs that would outlast the budget).
 */
export async function closeGracefully(app: NestFastifyApplication): Promise<void> {
  closing.add(app.getHttpAdapter().getInstance());
  const stopped = app.getHttpAdapter().close();
  await app.close();
  await stopped;
}
