import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../../../common/project-root';
import { expectedSchema } from '../../../infra/database/migrations/drift/expected-schema';
import type { DbSchema } from '../../../infra/database/migrations/drift/schema-model';
import { RUN_READ_SQL, RUN_SQL } from './run-sql';
import { STEP_SQL } from './step-sql';

const STATEMENTS: Record<string, string> = Object.fromEntries(
  Object.entries({ ...prefixed('RUN_SQL', RUN_SQL), ...prefixed('STEP_SQL', STEP_SQL), ...prefixed('RUN_READ_SQL', RUN_READ_SQL) }),
);

function prefixed(group: string, statements: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(statements).map(([name, sql]) => [`${group}.${name}`, sql]));
}

/** The schema Prisma would build from schema.prisma, read with the drift checker's own parser. */
const schema: DbSchema = expectedSchema([[join(projectRoot(), 'prisma', 'schema.prisma'), readFileSync(join(projectRoot(), 'prisma', 'schema.prisma'), 'utf8')]]);
const columns = new Set([...schema.tables.values()].flatMap((t) => t.columns.map((c) => c.name)));

/** Aliases the statements give their result columns (`AS "camelCase"`): names of their own, not the schema's. */
function aliases(sql: string): Set<string> {
  return new Set([...sql.matchAll(/\bAS "([^"]+)"/g)].map((m) => m[1]));
}

/** Every problem with one statement's names; empty when they all exist in schema.prisma. */
function unknownNames(sql: string): string[] {
  const problems: string[] = [];
  const own = aliases(sql);
  for (const [, table] of sql.matchAll(/\b(?:FROM|INTO|UPDATE|JOIN)\s+"([^"]+)"/g)) {
    if (!schema.tables.has(table)) problems.push(`table "${table}"`);
  }
  for (const [, enumName] of sql.matchAll(/::"([^"]+)"/g)) {
    if (!schema.enums.has(enumName)) problems.push(`enum "${enumName}"`);
  }
  for (const [, value, enumName] of sql.matchAll(/'([^']+)'::"([^"]+)"/g)) {
    if (!schema.enums.get(enumName)?.includes(value)) problems.push(`value '${value}' of enum "${enumName}"`);
  }
  // Every other quoted identifier is a column (or an alias the statement defines itself).
  const withoutCasts = sql.replace(/::"[^"]+"/g, '').replace(/\bAS "[^"]+"/g, '');
  for (const [, name] of withoutCasts.matchAll(/"([^"]+)"/g)) {
    if (!schema.tables.has(name) && !columns.has(name) && !own.has(name)) problems.push(`column "${name}"`);
  }
  return problems;
}

describe('run engine SQL', () => {
  it.each(Object.keys(STATEMENTS))('should use only tables, columns and enum values of schema.prisma in %s', (name) => {
    expect(unknownNames(STATEMENTS[name])).toEqual([]);
  });

  it('should name every column of a run record and of a tool execution record that the engine reads', () => {
    const runTable = schema.tables.get('agent_runs')!;
    const stepTable = schema.tables.get('tool_executions')!;
    expect(runTable.columns.map((c) => c.name)).toEqual(expect.arrayContaining(['lease_owner', 'lease_expires_at', 'cancel_requested_at', 'idempotency_key', 'request_hash']));
    expect(stepTable.columns.map((c) => c.name)).toEqual(expect.arrayContaining(['run_id', 'step', 'attempt', 'status', 'output']));
  });

  it('should catch a misspelt column, table or enum value (the check itself can fail)', () => {
    expect(unknownNames('UPDATE "agent_runs" SET "statuss" = \'DONE\'::"RunStatus" FROM "agent_run"')).toEqual([
      'table "agent_run"',
      'value \'DONE\' of enum "RunStatus"',
      'column "statuss"',
      'column "agent_run"',
    ]);
  });
});
