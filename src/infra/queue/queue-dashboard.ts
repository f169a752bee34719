import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Logger } from 'nestjs-pino';
import { errorBody } from '../../common/errors/error-body';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/app-config';
import { QUEUE_DASHBOARD_CHALLENGE, QueueDashboardKey } from './queue-dashboard-auth';
import { QueueTopology } from './queue-topology';

export const QUEUE_DASHBOARD_PATH = '/queues';
const CONTEXT = 'QueueDashboard';


/**
 * Bull Board at /queues on the worker's port, showing every queue the process registered (found
 * by QueueTopology, so a new queue appears without an edit here), behind QUEUE_DASHBOARD_KEY.
 * Without the key nothing is mounted (/queues is a 404): the dashboard can retry, remove and add
 * jobs, so it never runs open. Call before app.init(); Fastify loads the plugin when it readies.
 */
export function mountQueueDashboard(app: NestFastifyApplication): void {
  const config = app.get<AppConfig>(APP_CONFIG);
  const logger = app.get(Logger);
  if (!config.queueDashboardKey) {
    logger.log('queue dashboard not mounted: QUEUE_DASHBOARD_KEY is not set', CONTEXT);
    return;
  }
  const queues = app.get(QueueTopology).queues();
  const serverAdapter = new FastifyAdapter().setBasePath(QUEUE_DASHBOARD_PATH);
  createBullBoard({
    queues: queues.map((queue) => new BullMQAdapter(queue)),
    serverAdapter,
    options: { uiConfig: { boardTitle: 'NeonHub queues' } },
  });
  const key = new QueueDashboardKey(config.queueDashboardKey);
  const fastify: FastifyInstance = app.getHttpAdapter().getInstance();
  // One encapsulated scope: the key check guards the board's page, API and static files, and nothing else.
  void fastify.register(
    async (scope) => {
      scope.addHook('onRequest', async (request, reply) => (key.accepts(request.headers.authorization) ? undefined : refuse(request, reply)));
      await scope.register(serverAdapter.registerPlugin());
    },
    { prefix: QUEUE_DASHBOARD_PATH },
  );
  logger.log(`queue dashboard at ${QUEUE_DASHBOARD_PATH} showing ${queues.map((queue) => queue.name).join(', ')}`, CONTEXT);
}

/** 401 in the one error shape; the challenge makes a browser ask for the user (admin) and key. */
function refuse(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  return reply
    .status(401)
    .header('www-authenticate', QUEUE_DASHBOARD_CHALLENGE)
    .send(errorBody(401, 'missing or invalid queue dashboard key', String(request.id)));
}
