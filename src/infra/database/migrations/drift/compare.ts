import { ANY_DEFAULT, type DbColumn, type DbForeignKey, type DbIndex, type DbSchema, type DbTable } from './schema-model';

/**
 * Every difference between what schema.prisma asks for (`expected`) and what the database has
 * (`live`), one readable line each, in a stable order. Empty means no drift.
 */
export function compareSchemas(expected: DbSchema, live: DbSchema): string[] {
  return [
    ...compareExtensions(expected.extensions, live.extensions),
    ...compareEnums(expected.enums, live.enums),
    ...compareTables(expected.tables, live.tables),
  ];
}

function compareExtensions(expected: string[], live: string[]): string[] {
  return [
    ...expected.filter((e) => !live.includes(e)).map((e) => `missing extension ${e}`),
    ...live.filter((e) => !expected.includes(e)).map((e) => `unexpected extension ${e} (not declared in the datasource)`),
  ];
}

function compareEnums(expected: Map<string, string[]>, live: Map<string, string[]>): string[] {
  const out: string[] = [];
  for (const [name, values] of sorted(expected)) {
    const found = live.get(name);
    if (!found) out.push(`missing enum ${name} (${values.join(', ')})`);
    else if (values.join('\u0000') !== found.join('\u0000')) {
      out.push(`enum ${name}: expected values (${values.join(', ')}), found (${found.join(', ')})`);
    }
  }
  for (const [name] of sorted(live)) if (!expected.has(name)) out.push(`unexpected enum ${name}`);
  return out;
}

function compareTables(expected: Map<string, DbTable>, live: Map<string, DbTable>): string[] {
  const out: string[] = [];
  for (const [name, table] of sorted(expected)) {
    const found = live.get(name);
    if (found) out.push(...compareTable(table, found));
    else out.push(`missing table ${name}`);
  }
  for (const [name] of sorted(live)) if (!expected.has(name)) out.push(`unexpected table ${name}`);
  return out;
}

function compareTable(expected: DbTable, live: DbTable): string[] {
  return [
    ...compareColumns(expected, live),
    ...comparePrimaryKey(expected, live),
    ...compareIndexes(expected, live),
    ...compareForeignKeys(expected, live),
  ];
}

function compareColumns(expected: DbTable, live: DbTable): string[] {
  const out: string[] = [];
  const t = expected.name;
  for (const column of expected.columns) {
    const found = live.columns.find((c) => c.name === column.name);
    if (!found) out.push(`missing column ${t}.${column.name} ${describeColumn(column)}`);
    else out.push(...compareColumn(`${t}.${column.name}`, column, found));
  }
  for (const column of live.columns) {
    if (!expected.columns.some((c) => c.name === column.name)) out.push(`unexpected column ${t}.${column.name} ${describeColumn(column)}`);
  }
  return out;
}

function compareColumn(label: string, expected: DbColumn, live: DbColumn): string[] {
  const out: string[] = [];
  if (expected.type !== live.type) out.push(`column ${label}: expected type ${expected.type}, found ${live.type}`);
  if (expected.nullable !== live.nullable) {
    out.push(`column ${label}: expected ${nullability(expected.nullable)}, found ${nullability(live.nullable)}`);
  }
  if (expected.default !== ANY_DEFAULT && expected.default !== live.default) {
    out.push(`column ${label}: expected default ${expected.default ?? '(none)'}, found ${live.default ?? '(none)'}`);
  }
  return out;
}

function comparePrimaryKey(expected: DbTable, live: DbTable): string[] {
  const t = expected.name;
  const want = expected.primaryKey;
  const have = live.primaryKey;
  if (!want && !have) return [];
  if (!have) return [`missing primary key ${want!.name} on ${t}(${want!.columns.join(', ')})`];
  if (!want) return [`unexpected primary key ${have.name} on ${t}(${have.columns.join(', ')})`];
  const out: string[] = [];
  if (want.columns.join() !== have.columns.join()) {
    out.push(`primary key of ${t}: expected (${want.columns.join(', ')}), found (${have.columns.join(', ')})`);
  }
  if (want.name !== have.name) out.push(`primary key of ${t}: expected name ${want.name}, found ${have.name}`);
  return out;
}

function compareIndexes(expected: DbTable, live: DbTable): string[] {
  const out: string[] = [];
  const t = expected.name;
  for (const index of expected.indexes) {
    const found = live.indexes.find((i) => i.name === index.name);
    if (!found) {
      out.push(`missing ${describeIndex(index)} on ${t}(${indexColumns(index)})`);
      continue;
    }
    if (indexColumns(index) !== indexColumns(found)) {
      out.push(`index ${t}.${index.name}: expected columns (${indexColumns(index)}), found (${indexColumns(found)})`);
    }
    if (index.unique !== found.unique) {
      out.push(`index ${t}.${index.name}: expected ${index.unique ? 'unique' : 'non-unique'}, found ${found.unique ? 'unique' : 'non-unique'}`);
    }
    if (index.method !== found.method) out.push(`index ${t}.${index.name}: expected method ${index.method}, found ${found.method}`);
    index.columns.forEach((column, i) => {
      const live = found.columns[i]?.opclass;
      if (column.opclass && live && column.opclass !== live) {
        out.push(`index ${t}.${index.name}: expected operator class ${column.opclass} on ${column.name}, found ${live}`);
      }
    });
  }
  for (const index of live.indexes) {
    if (!expected.indexes.some((i) => i.name === index.name)) out.push(`unexpected ${describeIndex(index)} on ${t}(${indexColumns(index)})`);
  }
  return out;
}

/**
 * Foreign keys are matched on their columns, as Prisma does: the name is checked separately,
 * so a renamed key reads as a rename rather than as one missing and one unexpected key.
 */
function compareForeignKeys(expected: DbTable, live: DbTable): string[] {
  const out: string[] = [];
  const t = expected.name;
  const key = (fk: DbForeignKey) => fk.columns.join();
  for (const fk of expected.foreignKeys) {
    const found = live.foreignKeys.find((f) => key(f) === key(fk));
    if (!found) {
      out.push(`missing foreign key ${fk.name} on ${describeForeignKey(t, fk)}`);
      continue;
    }
    const label = `foreign key ${t}(${fk.columns.join(', ')})`;
    if (fk.referencedTable !== found.referencedTable || fk.referencedColumns.join() !== found.referencedColumns.join()) {
      out.push(`${label}: expected to reference ${target(fk)}, found ${target(found)}`);
    }
    if (fk.onDelete !== found.onDelete) out.push(`${label}: expected ON DELETE ${fk.onDelete}, found ON DELETE ${found.onDelete}`);
    if (fk.onUpdate !== found.onUpdate) out.push(`${label}: expected ON UPDATE ${fk.onUpdate}, found ON UPDATE ${found.onUpdate}`);
    if (fk.name !== found.name) out.push(`${label}: expected name ${fk.name}, found ${found.name}`);
  }
  for (const fk of live.foreignKeys) {
    if (!expected.foreignKeys.some((f) => key(f) === key(fk))) out.push(`unexpected foreign key ${fk.name} on ${describeForeignKey(t, fk)}`);
  }
  return out;
}

function describeColumn(column: DbColumn): string {
  const parts = [column.type, nullability(column.nullable)];
  if (column.default !== null && column.default !== ANY_DEFAULT) parts.push(`DEFAULT ${column.default}`);
  return `(${parts.join(' ')})`;
}

function nullability(nullable: boolean): string {
  return nullable ? 'nullable' : 'NOT NULL';
}

function describeIndex(index: DbIndex): string {
  const method = index.method === 'btree' ? '' : ` using ${index.method}`;
  return `${index.unique ? 'unique index' : 'index'} ${index.name}${method}`;
}

function indexColumns(index: DbIndex): string {
  return index.columns.map((c) => (c.descending ? `${c.name} DESC` : c.name)).join(', ');
}

function describeForeignKey(table: string, fk: DbForeignKey): string {
  return `${table}(${fk.columns.join(', ')}) -> ${target(fk)} ON DELETE ${fk.onDelete} ON UPDATE ${fk.onUpdate}`;
}

function target(fk: DbForeignKey): string {
  return `${fk.referencedTable}(${fk.referencedColumns.join(', ')})`;
}

function sorted<V>(map: Map<string, V>): [string, V][] {
  return [...map.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}
