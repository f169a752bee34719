import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/app-config';
import { createValidationPipe } from '../common/validation/validation';
import { dropIdleClsEnhancers } from '../infra/cls/drop-idle-cls-enhancers';
import { HttpMetrics } from '../modules/metrics/http-metrics';
import { ProtectionMetrics } from '../modules/metrics/protection-metrics';
import { useCors } from './cors';
import { closeConnectionsWhenClosing } from './graceful-close';
import { forgetRequestId, trackRequestId } from './client-errors';
import { useJsonBodies } from './json-body';
import { mountOpenApi } from './openapi';
import { useSecurityHeaders } from './security-headers';
import { refuseUnstorableParams } from './text-params-guard';

/**
 * Everything an HTTP app needs besides its modules; shared by main.ts and the e2e app factory so
 * tests exercise exactly what production runs. Must run before app.init() (routes bind hooks then).
 */
export async function configureApp(app: NestFastifyApplication, options: { openApi: boolean } = { openApi: true }): Promise<void> {
  const config = app.get<AppConfig>(APP_CONFIG);
  app.useLogger(app.get(Logger));
  app.useGlobalPipes(createValidationPipe());
  dropIdleClsEnhancers(app);

  const fastify = app.getHttpAdapter().getInstance();
  const metrics = app.get(HttpMetrics);
  await useSecurityHeaders(app);
  useCors(app, config.httpProtection.corsOrigins, app.get(ProtectionMetrics));
  useJsonBodies(fastify, config.bodyLimitBytes);
  refuseUnstorableParams(fastify);
  fastify.addHook('onRequest', async (request, reply) => {
    void reply.header('x-request-id', request.id);
    trackRequestId(request);
  });
  closeConnectionsWhenClosing(fastify);
  fastify.addHook('onResponse', async (request, reply) => {
    forgetRequestId(request);
    metrics.observe(request.method, request.routeOptions.url, reply.statusCode, reply.elapsedTime / 1000);
  });

  if (options.openApi) mountOpenApi(app, config.version);
}
