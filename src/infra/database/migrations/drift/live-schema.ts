import type { ClientBase } from 'pg';
import { MIGRATIONS_TABLE } from '../migrations-table';
import { type DbSchema, type DbTable, type ReferentialAction, canonicalDefault, canonicalType, emptyTable } from './schema-model';

/*
 * Reads the current schema (the first schema on the search path) from pg_catalog. Only plain
 * catalog functions are used (format_type, pg_get_expr, pg_get_indexdef) so the same queries
 * run on PostgreSQL 15 and on PGlite. Objects that belong to an extension (pg_depend 'e')
 * are the extension's business and are left out, as is Prisma's migrations table.
 */

const NOT_FROM_EXTENSION = (classId: string, oid: string) =>
  `NOT EXISTS (SELECT 1 FROM pg_depend dep WHERE dep.classid = '${classId}'::regclass AND dep.objid = ${oid} AND dep.deptype = 'e')`;

const TABLES = `
  SELECT c.relname AS table_name
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
   WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND c.relname <> '${MIGRATIONS_TABLE}'
     AND ${NOT_FROM_EXTENSION('pg_class', 'c.oid')}`;

const COLUMNS = `
  SELECT c.relname AS table_name, a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type,
         NOT a.attnotnull AS nullable, a.attidentity AS identity, a.attgenerated AS generated,
         pg_get_expr(d.adbin, d.adrelid) AS default_expr
    FROM pg_attribute a
    JOIN pg_class c ON c.oid = a.attrelid
    JOIN pg_namespace n ON n.oid = c.relnamespace
    LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
   WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped
   ORDER BY c.relname, a.attnum`;

const INDEXES = `
  SELECT t.relname AS table_name, i.relname AS name, ix.indisunique AS is_unique, ix.indisprimary AS is_primary,
         am.amname AS method,
         ARRAY(SELECT pg_get_indexdef(ix.indexrelid, k, true) FROM generate_series(1, ix.indnkeyatts) k ORDER BY k)::text[] AS columns,
         ARRAY(SELECT (ix.indoption[k - 1] & 1) = 1 FROM generate_series(1, ix.indnkeyatts) k ORDER BY k)::bool[] AS descending,
         ARRAY(SELECT opc.opcname FROM generate_series(1, ix.indnkeyatts) k JOIN pg_opclass opc ON opc.oid = ix.indclass[k - 1] ORDER BY k)::text[] AS opclasses
    FROM pg_index ix
    JOIN pg_class i ON i.oid = ix.indexrelid
    JOIN pg_class t ON t.oid = ix.indrelid
    JOIN pg_namespace n ON n.oid = t.relnamespace
    JOIN pg_am am ON am.oid = i.relam
   WHERE n.nspname = current_schema() AND t.relkind IN ('r', 'p')
   ORDER BY t.relname, i.relname`;

const CONSTRAINTS = `
  SELECT con.conname AS name, con.contype AS kind, t.relname AS table_name, rt.relname AS referenced_table,
         ARRAY(SELECT a.attname FROM unnest(con.conkey) WITH ORDINALITY u(attnum, ord)
                 JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = u.attnum ORDER BY u.ord)::text[] AS columns,
         ARRAY(SELECT a.attname FROM unnest(con.confkey) WITH ORDINALITY u(attnum, ord)
                 JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = u.attnum ORDER BY u.ord)::text[] AS referenced_columns,
         con.confdeltype AS on_delete, con.confupdtype AS on_update
    FROM pg_constraint con
    JOIN pg_class t ON t.oid = con.conrelid
    JOIN pg_namespace n ON n.oid = t.relnamespace
    LEFT JOIN pg_class rt ON rt.oid = con.confrelid
   WHERE n.nspname = current_schema() AND con.contype IN ('p', 'f')
   ORDER BY t.relname, con.conname`;

const ENUMS = `
  SELECT t.typname AS name,
         ARRAY(SELECT e.enumlabel FROM pg_enum e WHERE e.enumtypid = t.oid ORDER BY e.enumsortorder)::text[] AS labels
    FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
   WHERE t.typtype = 'e' AND n.nspname = current_schema() AND ${NOT_FROM_EXTENSION('pg_type', 't.oid')}
   ORDER BY t.typname`;

// plpgsql ships with every database; nobody declares it.
const EXTENSIONS = `SELECT extname AS name FROM pg_extension WHERE extname <> 'plpgsql' ORDER BY extname`;

const ACTIONS: Record<string, ReferentialAction> = {
  a: 'NO ACTION',
  r: 'RESTRICT',
  c: 'CASCADE',
  n: 'SET NULL',
  d: 'SET DEFAULT',
};

export async function readLiveSchema(client: ClientBase): Promise<DbSchema> {
  const tables = new Map<string, DbTable>();
  for (const row of await rows<{ table_name: string }>(client, TABLES)) tables.set(row.table_name, emptyTable(row.table_name));

  for (const col of await rows<ColumnRow>(client, COLUMNS)) {
    tables.get(col.table_name)?.columns.push({
      name: col.name,
      type: canonicalType(col.type),
      nullable: col.nullable,
      default: liveDefault(col),
    });
  }
  for (const ix of await rows<IndexRow>(client, INDEXES)) {
    const table = tables.get(ix.table_name);
    if (!table || ix.is_primary) continue;
    const columns = ix.columns.map((name, i) => ({ name: unquoteIdent(name), descending: ix.descending[i] === true, opclass: ix.opclasses[i] }));
    table.indexes.push({ name: ix.name, unique: ix.is_unique, columns, method: ix.method });
  }
  for (const con of await rows<ConstraintRow>(client, CONSTRAINTS)) {
    const table = tables.get(con.table_name);
    if (!table) continue;
    if (con.kind === 'p') {
      table.primaryKey = { name: con.name, columns: con.columns };
      continue;
    }
    table.foreignKeys.push({
      name: con.name,
      columns: con.columns,
      referencedTable: con.referenced_table ?? '?',
      referencedColumns: con.referenced_columns,
      onDelete: ACTIONS[con.on_delete] ?? 'NO ACTION',
      onUpdate: ACTIONS[con.on_update] ?? 'NO ACTION',
    });
  }
  const enums = new Map((await rows<{ name: string; labels: string[] }>(client, ENUMS)).map((e) => [e.name, e.labels]));
  const extensions = (await rows<{ name: string }>(client, EXTENSIONS)).map((e) => e.name);
  return { extensions, enums, tables };
}

interface ColumnRow {
  table_name: string;
  name: string;
  type: string;
  nullable: boolean;
  identity: string;
  generated: string;
  default_expr: string | null;
}

interface IndexRow {
  table_name: string;
  name: string;
  is_unique: boolean;
  is_primary: boolean;
  method: string;
  columns: string[];
  descending: boolean[];
  opclasses: string[];
}

interface ConstraintRow {
  name: string;
  kind: 'p' | 'f';
  table_name: string;
  referenced_table: string | null;
  columns: string[];
  referenced_columns: string[];
  on_delete: string;
  on_update: string;
}

function liveDefault(col: ColumnRow): string | null {
  // Identity columns are what autoincrement() would also give; generated columns have an expression, not a default.
  if (col.identity === 'a' || col.identity === 'd') return 'autoincrement()';
  if (col.generated === 's') return `GENERATED ALWAYS AS (${col.default_expr ?? ''})`;
  return canonicalDefault(col.default_expr);
}

/** pg_get_indexdef quotes column names that need it ("createdAt"); expressions are kept verbatim. */
function unquoteIdent(name: string): string {
  return /^"(?:[^"]|"")*"$/.test(name) ? name.slice(1, -1).replace(/""/g, '"') : name;
}

async function rows<T extends object>(client: ClientBase, sql: string): Promise<T[]> {
  return (await client.query<T>(sql)).rows;
}
