import type { Provider } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { createApp } from '../../src/bootstrap';
import { AppConfig, loadConfig } from '../../src/config/app-config';
import { seedDatabase } from '../../src/infra/database/seed/seed';
import { mockConnectorManifests } from '../../src/modules/connectors/vault/mock-connections';
import { loadKeyRing } from '../../src/modules/connectors/vault/vault';
import { createMigratedTestDatabase, TestDatabase } from './database';

export interface TestApp {
  app: NestFastifyApplication;
  http: TestAgent;
  db: TestDatabase;
  config: AppConfig;
  /** The seeded demo admin's API key, ready for `Authorization: Bearer`. */
  apiKey: string;
  organizationId: string;
  userId: string;
  close(): Promise<void>;
}

export function randomApiKey(): string {
  return `nh_${randomBytes(32).toString('base64url')}`;
}

/**
 * Seeded once per database, so a second app on the same database shares the first one's key. Like
 * the development seed, it connects the demo organization to the connectors the first app's
 * configuration runs as mocks.
 */
const seededDatabases = new Map<string, { apiKey: string; organizationId: string; userId: string }>();

async function seedOnce(database: TestDatabase, config: AppConfig) {
  let seeded = seededDatabases.get(database.name);
  if (!seeded) {
    const apiKey = randomApiKey();
    const mockConnectors = { ring: loadKeyRing(config), manifests: mockConnectorManifests(config) };
    seeded = { apiKey, ...(await seedDatabase({ databaseUrl: database.url, apiKey, mockConnectors })) };
    seededDatabases.set(database.name, seeded);
  }
  return seeded;
}

/**
 * The full app, as main.ts builds it, on a fresh migrated and seeded database of its own; pass
 * another app's `db` to run a second instance against the same database (same seeded key).
 */
export async function createTestApp(overrides: Partial<AppConfig> = {}, db?: TestDatabase, extraProviders: Provider[] = []): Promise<TestApp> {
  const database = db ?? (await createMigratedTestDatabase());
  const config: AppConfig = { ...loadConfig({ ...process.env, DATABASE_URL: database.url }), databasePoolSize: 4, ...overrides };
  const seeded = await seedOnce(database, config);
  const apiKey = seeded.apiKey;
  const app = await createApp(config, extraProviders);
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
      if (!db) await database.drop();
    },
  };
}

export function bearer(apiKey: string): { Authorization: string } {
  return { Authorization: `Bearer ${apiKey}` };
}
