import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../../../common/project-root';
import { expectedSchema } from '../../../infra/database/migrations/drift/expected-schema';
import type { DbSchema } from '../../../infra/database/migrations/drift/schema-model';
import { CHUNK_SEARCH_SQL, MEMORY_SEARCH_SQL, SEARCH_SETTINGS_SQL } from './search-sql';

const STATEMENTS: Record<string, string> = {
  ...prefixed('CHUNK_SEARCH_SQL', CHUNK_SEARCH_SQL),
  ...prefixed('MEMORY_SEARCH_SQL', MEMORY_SEARCH_SQL),
  ...prefixed('SEARCH_SETTINGS_SQL', SEARCH_SETTINGS_SQL),
};

function prefixed(group: string, statements: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(statements).map(([name, sql]) => [`${group}.${name}`, sql]));
}

/** The schema Prisma would build from schema.prisma, read with the drift checker's own parser (as run-sql.spec.ts does). */
const schemaPath = join(projectRoot(), 'prisma', 'schema.prisma');
const schema: DbSchema = expectedSchema([[schemaPath, readFileSync(schemaPath, 'utf8')]]);

/** Every quoted name of `sql` that is neither a table, a column of `tables`, nor an alias the statement defines. */
function unknownNames(sql: string): string[] {
  const problems: string[] = [];
  const own = new Set([...sql.matchAll(/\bAS "([^"]+)"/g)].map((m) => m[1]));
  const tables = [...sql.matchAll(/\b(?:FROM|INTO|UPDATE|JOIN)\s+"([^"]+)"/g)].map((m) => m[1]);
  for (const table of tables) if (!schema.tables.has(table)) problems.push(`table "${table}"`);
  // Columns must belong to a table the statement reads: "agent_id" is no column of chunks.
  const columns = new Set(tables.flatMap((table) => schema.tables.get(table)?.columns.map((c) => c.name) ?? []));
  for (const [, name] of sql.replace(/\bAS "[^"]+"/g, '').matchAll(/"([^"]+)"/g)) {
    if (!schema.tables.has(name) && !columns.has(name) && !own.has(name)) problems.push(`column "${name}"`);
  }
  return problems;
}

describe('hybrid search SQL', () => {
  it.each(Object.keys(STATEMENTS))('should use only tables and columns of schema.prisma in %s', (name) => {
    expect(unknownNames(STATEMENTS[name])).toEqual([]);
  });

  it('should restrict every statement that reads a searched table to one organization', () => {
    for (const [name, sql] of Object.entries({ ...CHUNK_SEARCH_SQL, ...prefixed('memory', MEMORY_SEARCH_SQL) })) {
      expect({ name, restricted: sql.includes('"organization_id" = $1::uuid') }).toEqual({ name, restricted: true });
    }
  });

  it('should find the HNSW and GIN indexes the statements rely on in schema.prisma', () => {
    const prisma = readFileSync(schemaPath, 'utf8');
    for (const table of ['chunks', 'agent_memories']) {
      expect(prisma).toContain(`@@rawIndex("${table}_embedding_hnsw_idx", using: "hnsw", on: "embedding vector_cosine_ops")`);
      expect(prisma).toContain(`@@rawIndex("${table}_search_vector_gin_idx", using: "gin"`);
    }
  });

  it('should catch a column of another table and a misspelt table (the check itself can fail)', () => {
    expect(unknownNames('SELECT "agent_id", "tags" FROM "chunks" JOIN "chunk" ON true')).toEqual(['table "chunk"', 'column "agent_id"', 'column "tags"', 'column "chunk"']);
  });
});
