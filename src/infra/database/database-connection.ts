import type { LoggerService } from '@nestjs/common';
import { join, resolve } from 'node:path';
import { projectRoot } from '../../common/project-root';
import type { AppConfig } from '../../config/app-config';
import { EmbeddedPostgres } from './embedded/embedded-postgres';
import { applyMigrations } from './migrations/migrator';
import { mockConnectorManifests } from '../../modules/connectors/vault/mock-connections';
import { loadKeyRing } from '../../modules/connectors/vault/vault';
import { seedDatabase } from './seed/seed';

export const DATABASE_CONNECTION = Symbol('DATABASE_CONNECTION');

export interface DatabaseConnection {
  url: string;
  kind: 'server' | 'embedded';
  poolSize: number;
  close(): Promise<void>;
}

/**
 * With DATABASE_URL: that server, never migrated here (migrating a shared database is an explicit
 * `npm run db:migrate`). Without: the embedded PGlite under NEONHUB_DATA_DIR, migrated and seeded.
 */
export async function openDatabase(config: AppConfig, logger: LoggerService): Promise<DatabaseConnection> {
  if (config.databaseUrl) {
    logger.log(`using PostgreSQL server at ${redactUrl(config.databaseUrl)}`);
    return { url: config.databaseUrl, kind: 'server', poolSize: config.databasePoolSize, close: async () => undefined };
  }
  const dataDir = resolve(config.dataDir);
  const embedded = await EmbeddedPostgres.start({ dataDir, log: (m) => logger.log(m) });
  try {
    const { applied } = await applyMigrations({ databaseUrl: embedded.url, migrationsDir: migrationsDir(), log: (m) => logger.log(m) });
    await seedDatabase({ databaseUrl: embedded.url, apiKey: config.seedApiKey, log: (m) => logger.log(m), mockConnectors: { ring: loadKeyRing(config), manifests: mockConnectorManifests(config) } });
    logger.log(`using embedded PGlite database in ${dataDir} (${applied.length} migrations applied now)`);
  } catch (error) {
    await embedded.stop();
    throw error;
  }
  return { url: embedded.url, kind: 'embedded', poolSize: embedded.recommendedPoolSize, close: () => embedded.stop() };
}

export function migrationsDir(): string {
  return join(projectRoot(), 'prisma', 'migrations');
}

function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '<unparseable url>';
  }
}
