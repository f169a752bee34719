import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * `prisma generate` refuses to start without a schema-engine binary although it never runs it.
 * When no engine was downloaded (offline installs), PRISMA_SCHEMA_ENGINE_BINARY is pointed at an
 * existing file so generation works; `prisma migrate` still needs the real engine, which is why
 * migrations are applied by scripts/db/migrate.ts instead.
 */
export function ensureOfflineSchemaEngine(): void {
  if (process.env.PRISMA_SCHEMA_ENGINE_BINARY) return;
  const enginesDir = join(__dirname, '..', 'node_modules', '@prisma', 'engines');
  const downloaded = existsSync(enginesDir) && readdirSync(enginesDir).some((f) => f.startsWith('schema-engine'));
  if (downloaded) return;
  process.env.PRISMA_SCHEMA_ENGINE_BINARY = process.execPath;
}
