import { defineConfig } from 'prisma/config';
import { ensureOfflineSchemaEngine } from './scripts/prisma-offline';

// The Prisma CLI insists on a schema-engine binary even for `generate`, which never uses it.
// Where the engine cannot be downloaded, point it at a placeholder (see README, "Offline notes").
ensureOfflineSchemaEngine();

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations', seed: 'node dist/prisma/seed.js' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/neonhub' },
});
