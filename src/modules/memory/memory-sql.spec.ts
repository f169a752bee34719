import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../../common/project-root';
import { expectedSchema } from '../../infra/database/migrations/drift/expected-schema';
import { MEMORY_SQL } from './memory-sql';

const schemaPath = join(projectRoot(), 'prisma', 'schema.prisma');
const schema = expectedSchema([[schemaPath, readFileSync(schemaPath, 'utf8')]]);

/** Every quoted name that is neither a table, a column of a table the statement names, nor its own alias (as search-sql.spec.ts checks). */
function unknownNames(sql: string): string[] {
  const own = new Set([...sql.matchAll(/\bAS "([^"]+)"/g)].map((m) => m[1]));
  const tables = [...sql.matchAll(/\b(?:FROM|INTO|UPDATE|JOIN)\s+"([^"]+)"/g)].map((m) => m[1]);
  const columns = new Set(tables.flatMap((table) => schema.tables.get(table)?.columns.map((c) => c.name) ?? []));
  const problems = tables.filter((table) => !schema.tables.has(table)).map((table) => `table "${table}"`);
  for (const [, name] of sql.replace(/\bAS "[^"]+"/g, '').matchAll(/"([^"]+)"/g)) {
    if (!schema.tables.has(name) && !columns.has(name) && !own.has(name)) problems.push(`column "${name}"`);
  }
  return problems;
}

describe('memory SQL', () => {
  it.each(Object.keys(MEMORY_SQL))('should use only tables and columns of schema.prisma in MEMORY_SQL.%s', (name) => {
    expect(unknownNames(MEMORY_SQL[name as keyof typeof MEMORY_SQL])).toEqual([]);
  });

  it('should catch a column of another table (the check itself can fail)', () => {
    expect(unknownNames('SELECT "dataset_id" FROM "agent_memories"')).toEqual(['column "dataset_id"']);
  });
});
