import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const CREATE_EXTENSION = /CREATE\s+EXTENSION\s+(?:IF\s+NOT\s+EXISTS\s+)?"?([A-Za-z0-9_-]+)"?/gi;

/**
 * The extensions the migrations create, read from the migration files themselves so that a new
 * migration adding one (say pg_trgm) is covered without touching this script. They are created
 * by the administrator: pgvector is not a trusted extension, so neonhub_migrate, which is no
 * superuser, could not create it; the migration's own CREATE EXTENSION IF NOT EXISTS then finds
 * it there and does nothing.
 */
export function requiredExtensions(migrationsDir: string): string[] {
  const found = new Set<string>();
  const folders = readdirSync(migrationsDir, { withFileTypes: true }).filter((entry) => entry.isDirectory());
  for (const folder of folders.map((entry) => entry.name).sort()) {
    let script: string;
    try {
      script = readFileSync(join(migrationsDir, folder, 'migration.sql'), 'utf8');
    } catch {
      continue;
    }
    for (const match of script.matchAll(CREATE_EXTENSION)) found.add(match[1]!);
  }
  return [...found];
}
