import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { projectRoot } from '../../../common/project-root';
import { withClient } from './connection';
import { compareSchemas } from './drift/compare';
import { expectedSchema } from './drift/expected-schema';
import { readLiveSchema } from './drift/live-schema';
import type { SchemaFiles } from './drift/prisma-dmmf';

export interface DriftOptions {
  databaseUrl: string;
  /** A schema file, or a folder of .prisma files. Defaults to <project root>/prisma/schema.prisma. */
  schemaPath?: string;
}

/**
 * Differences between the live database and the schema Prisma would build from schema.prisma:
 * extensions, enums, tables, columns (type, nullability, default), primary keys, indexes and
 * foreign keys. `_prisma_migrations` is ignored. An empty list means no drift.
 */
export async function detectDrift(options: DriftOptions): Promise<string[]> {
  const expected = expectedSchema(await readSchemaFiles(options.schemaPath ?? join(projectRoot(), 'prisma', 'schema.prisma')));
  const live = await withClient(options.databaseUrl, readLiveSchema);
  return compareSchemas(expected, live);
}

async function readSchemaFiles(path: string): Promise<SchemaFiles> {
  if (!(await stat(path)).isDirectory()) return [[path, await readFile(path, 'utf8')]];
  const entries = await readdir(path, { recursive: true, withFileTypes: true });
  const files = entries
    .filter((e) => e.isFile() && e.name.endsWith('.prisma'))
    .map((e) => join(e.parentPath, e.name))
    .sort();
  return Promise.all(files.map(async (file): Promise<[string, string]> => [file, await readFile(file, 'utf8')]));
}
