import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppModule } from './app.module';
import { AppConfig, ConfigurationError, loadConfig } from './config/app-config';
import { configureApp } from './http/configure-app';
import { createFastifyAdapter } from './http/fastify-adapter';

export async function createApp(config: AppConfig): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), createFastifyAdapter(config), {
    bufferLogs: true,
  });
  await configureApp(app);
  return app;
}

/**
 * A bad configuration is an operator's typo, not a crash: one line naming the variable, exit 1.
 * SIGTERM gets `shutdownTimeoutMs` to drain, then the process exits regardless.
 */
export async function runMain(start: (config: AppConfig) => Promise<{ close(): Promise<void> }>): Promise<void> {
  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigurationError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
  try {
    await start(config);
  } catch (error) {
    process.stderr.write(`startup failed: ${(error as Error).message}\n`);
    process.exit(1);
  }
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      setTimeout(() => {
        process.stderr.write(`shutdown did not finish within ${config.shutdownTimeoutMs} ms; exiting\n`);
        process.exit(1);
      }, config.shutdownTimeoutMs).unref();
    });
  }
}
