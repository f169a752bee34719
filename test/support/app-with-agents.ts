import { DynamicModule, Module, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { AppModule } from '../../src/app.module';
import { AppConfig, loadConfig } from '../../src/config/app-config';
import { configureApp } from '../../src/http/configure-app';
import { createFastifyAdapter } from '../../src/http/fastify-adapter';
import { seedDatabase } from '../../src/infra/database/seed/seed';
import { randomApiKey, type TestApp } from './app';
import { createMigratedTestDatabase } from './database';

/** The app module plus test-only agents, found at boot by the agent registry like built-in ones. */
@Module({})
class AppWithTestAgents {
  static forRoot(config: AppConfig, agents: Type[]): DynamicModule {
    return { module: AppWithTestAgents, imports: [AppModule.forRoot(config)], providers: agents };
  }
}

/**
 * createTestApp (test/support/app.ts), with extra @Agent providers: the same modules, the same
 * HTTP setup (configureApp) and a fresh migrated, seeded database of its own.
 */
export async function createTestAppWithAgents(overrides: Partial<AppConfig>, agents: Type[]): Promise<TestApp> {
  const database = await createMigratedTestDatabase();
  const apiKey = randomApiKey();
  const seeded = await seedDatabase({ databaseUrl: database.url, apiKey });
  const config: AppConfig = { ...loadConfig({ ...process.env, DATABASE_URL: database.url }), databasePoolSize: 4, ...overrides };
  const app = await NestFactory.create<NestFastifyApplication>(AppWithTestAgents.forRoot(config, agents), createFastifyAdapter(config), { bufferLogs: true });
  await configureApp(app);
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return {
    app,
    http: request(app.getHttpServer()),
    db: database,
    config,
    apiKey,
    organizationId: seeded.organizationId,
    userId: seeded.userId,
    close: async () => {
      await app.close();
      await database.drop();
    },
  };
}
