import { applyMigrations } from '../../src/infra/database/migrations/migrator';
import { createTestDatabase, sweepAbandonedTestDatabases } from './database';

/**
 * Migrates one template database per test run; each spec file clones it (CREATE DATABASE ...
 * TEMPLATE), which takes milliseconds instead of re-running every migration.
 */
export default async function globalSetup(): Promise<void> {
  process.env.TZ = 'UTC';
  await sweepAbandonedTestDatabases();
  const template = await createTestDatabase('neonhub_tpl');
  await applyMigrations({ databaseUrl: template.url });
  process.env.NEONHUB_TEST_TEMPLATE = template.name;
}
