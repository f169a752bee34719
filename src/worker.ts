import 'reflect-metadata';
import type { Provider } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import { runMain } from './bootstrap';
import { ConfigurationError, type AppConfig } from './config/app-config';
import { configureApp } from './http/configure-app';
import { createFastifyAdapter } from './http/fastify-adapter';
import { mountQueueDashboard } from './infra/queue/queue-dashboard';
import { QueueTopology } from './infra/queue/queue-topology';
import { assertConnectorModes } from './modules/connectors/connector-registry';
import { WorkerModule } from './worker.module';

/** `extraProviders`: e.g. more @Agent providers, discovered like the built-in ones (tests). */
export async function createWorker(config: AppConfig, extraProviders: Provider[] = []): Promise<NestFastifyApplication> {
  // The embedded database admits one process, the API, which then runs async runs itself.
  if (!config.databaseUrl) {
    throw new ConfigurationError('Invalid configuration: the worker needs DATABASE_URL (a PostgreSQL server); on the embedded database the API runs async runs itself, no worker needed');
  }
  assertConnectorModes(config);
  const app = await NestFactory.create<NestFastifyApplication>(WorkerModule.forRoot(config, extraProviders), createFastifyAdapter(config), {
    bufferLogs: true,
    // configureApp installs the only body parser (see bootstrap.ts); Nest's would collide with it.
    bodyParser: false,
  });
  await configureApp(app, { openApi: false });
  mountQueueDashboard(app);
  return app;
}

/**
 * SIGTERM: stop taking jobs and let the ones in flight finish within the shutdown budget; runs
 * still going after that are handed back by the engine (RunHandBack) and the process exits 0.
 */
export async function startWorker(config: AppConfig, extraProviders: Provider[] = []): Promise<NestFastifyApplication> {
  const app = await createWorker(config, extraProviders);
  await app.listen({ port: config.workerPort, host: '0.0.0.0' });
  const logger = app.get(Logger);
  const queues = app.get(QueueTopology).consumedQueueNames();
  logger.log(`NeonHub worker consuming ${queues.join(', ')}; health and metrics on port ${config.workerPort}`, 'Bootstrap');
  return app;
}

// Run as the entry point (node dist/src/worker.js), not when imported (a test's worker with its own agents).
if (require.main === module) void runMain((config) => startWorker(config));
