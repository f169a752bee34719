import type { Provider } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppModule } from './app.module';
import { AppConfig, ConfigurationError, loadConfig } from './config/app-config';
import { configureApp } from './http/configure-app';
import { createFastifyAdapter } from './http/fastify-adapter';
import { bindRequestAudit } from './modules/audit/bind-request-audit';
import { assertConnectorModes } from './modules/connectors/connector-registry';

export async function createApp(config: AppConfig, extraProviders: Provider[] = []): Promise<NestFastifyApplication> {
  assertConnectorModes(config);
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config, extraProviders), createFastifyAdapter(config), {
    bufferLogs: true,
    // Bodies are parsed by configureApp's JSON parser only (limits, empty bodies); Nest's would add
    // a second JSON parser and a form-urlencoded one this API never documented.
    bodyParser: false,
  });
  await configureApp(app);
  bindRequestAudit(app);
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
  let app: { close(): Promise<void> };
  try {
    app = await start(config);
  } catch (error) {
    process.stderr.write(error instanceof ConfigurationError ? `${error.message}\n` : `startup failed: ${(error as Error).message}\n`);
    process.exit(1);
  }
  // Nest's own shutdown hooks re-raise the signal after closing, which ends the process "killed
  // by SIGTERM"; orchestrators and the issue both expect a clean exit 0 after a graceful stop.
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      setTimeout(() => {
        process.stderr.write(`shutdown did not finish within ${config.shutdownTimeoutMs} ms; exiting\n`);
        process.exit(1);
      }, config.shutdownTimeoutMs).unref();
      app.close().then(
        () => process.exit(0),
        (error: Error) => {
          process.stderr.write(`shutdown failed: ${error.message}\n`);
          process.exit(1);
        },
      );
    });
  }
}
