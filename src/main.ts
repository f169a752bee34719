import 'reflect-metadata';
import { Logger } from 'nestjs-pino';
import { createApp, runMain } from './bootstrap';
import { closeGracefully } from './http/graceful-close';
import { assertPortFree } from './http/port-check';

void runMain(async (config) => {
  await assertPortFree(config.port);
  const app = await createApp(config);
  await app.listen({ port: config.port, host: '0.0.0.0' });
  app.get(Logger).log(`NeonHub API listening on port ${config.port}; docs at /docs`, 'Bootstrap');
  return { close: () => closeGracefully(app) };
});
