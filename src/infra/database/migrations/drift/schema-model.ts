/**
 * The database schema both sides are reduced to before comparing: what schema.prisma asks for
 * and what the live database has. Types and defaults are stored in canonical spellings
 * (see canonicalType / canonicalDefault) so that equal things compare equal as strings.
 */
export interface DbSchema {
  extensions: string[];
  /** Enum name -> values, in declaration order. */
  enums: Map<string, string[]>;
  tables: Map<string, DbTable>;
}

export interface DbTable {
  name: string;
  /** In column order. */
  columns: DbColumn[];
  primaryKey: DbPrimaryKey | null;
  /** Unique and non-unique indexes (not the primary key's), by name. */
  indexes: DbIndex[];
  foreignKeys: DbForeignKey[];
}

export interface DbColumn {
  name: string;
  /** Canonical, e.g. `text`, `uuid`, `timestamptz(3)`, `varchar(255)`, `RunStatus`, `text[]`. */
  type: string;
  nullable: boolean;
  /** Canonical default expression, or null when the column has none. */
  default: string | null;
}

export interface DbPrimaryKey {
  name: string;
  columns: string[];
}

export interface DbIndexColumn {
  name: string;
  descending: boolean;
  /** Operator class, e.g. vector_cosine_ops; compared only where the schema names one. */
  opclass?: string;
}

export interface DbIndex {
  name: string;
  unique: boolean;
  columns: DbIndexColumn[];
  /** Access method, e.g. btree, gin. */
  method: string;
}

export type ReferentialAction = 'CASCADE' | 'RESTRICT' | 'NO ACTION' | 'SET NULL' | 'SET DEFAULT';

export interface DbForeignKey {
  name: string;
  columns: string[];
  referencedTable: string;
  referencedColumns: string[];
  onDelete: ReferentialAction;
  onUpdate: ReferentialAction;
}

/** `@default(dbgenerated())` without an expression: the database owns the default, any value is fine. */
export const ANY_DEFAULT = '<any>';

export function emptyTable(name: string): DbTable {
  return { name, columns: [], primaryKey: null, indexes: [], foreignKeys: [] };
}

const TYPE_ALIASES: Record<string, string> = {
  'character varying': 'varchar',
  character: 'char',
  'bit varying': 'varbit',
  numeric: 'decimal',
  int: 'integer',
  int4: 'integer',
  int2: 'smallint',
  int8: 'bigint',
  float8: 'double precision',
  float4: 'real',
  bool: 'boolean',
};

/**
 * One spelling per type. Accepts Postgres' format_type() output (`timestamp(3) with time zone`,
 * `character varying(255)`, `"RunStatus"[]`, `public.citext`) and the lower-cased names the
 * expected side builds from Prisma's native types.
 */
export function canonicalType(raw: string): string {
  let type = raw.trim();
  let arraySuffix = '';
  while (type.endsWith('[]')) {
    arraySuffix += '[]';
    type = type.slice(0, -2).trim();
  }
  type = type.replace(/^"?public"?\./, '');
  if (type.startsWith('"') && type.endsWith('"')) return type.slice(1, -1).replace(/""/g, '"') + arraySuffix;

  const zoned = /^(timestamp|time)(\(\d+\))? with time zone$/.exec(type);
  if (zoned) type = `${zoned[1]}tz${zoned[2] ?? ''}`;
  type = type.replace(/^(timestamp|time)(\(\d+\))? without time zone$/, '$1$2');

  const parts = /^([a-z][a-z0-9_ ]*?)\s*(\(.*\))?$/.exec(type);
  if (!parts) return type + arraySuffix;
  const base = TYPE_ALIASES[parts[1]] ?? parts[1];
  const args = parts[2]?.replace(/\s+/g, '') ?? '';
  return `${base}${args}${arraySuffix}`;
}

/**
 * One spelling per default expression. Postgres deparses defaults with casts
 * (`'{}'::jsonb`, `'ACTIVE'::"AgentStatus"`, `ARRAY[]::text[]`, `'-1'::integer`) while Prisma
 * writes the bare literal; casts are dropped and quoted numbers unquoted. Sequences from
 * autoincrement() all become `autoincrement()`. Other expressions are compared as deparsed,
 * with whitespace collapsed.
 */
export function canonicalDefault(raw: string | null | undefined): string | null {
  if (raw === null || raw === undefined) return null;
  let value = raw.trim().replace(/\s+/g, ' ');
  if (/^nextval\('.*'(::regclass)?\)$/.test(value)) return 'autoincrement()';
  const cast = /::(?:"(?:[^"]|"")+"|[a-z_][a-z0-9_ ]*(?:\([^)]*\))?)(?:\[\])*$/i;
  for (let m = cast.exec(value); m; m = cast.exec(value)) {
    const stripped = value.slice(0, m.index).trim();
    if (stripped === value) break;
    value = stripped;
    if (value.startsWith('(') && value.endsWith(')') && isLiteral(value.slice(1, -1))) value = value.slice(1, -1);
  }
  if (value.startsWith('ARRAY[')) {
    value = value.replace(/('(?:[^']|'')*')::(?:"(?:[^"]|"")+"|[a-z_][a-z0-9_ ]*?)(?:\[\])*(?=[,\]])/gi, '$1');
    value = value.replace(/\s*,\s*/g, ', ');
  }
  const number = /^(?:'(-?\d+(?:\.\d+)?)'|\((-?\d+(?:\.\d+)?)\))$/.exec(value);
  if (number) return number[1] ?? number[2];
  if (/^now\(\)$/i.test(value) || /^current_timestamp$/i.test(value)) return 'CURRENT_TIMESTAMP';
  return value;
}

function isLiteral(value: string): boolean {
  return /^'(?:[^']|'')*'$/.test(value) || /^-?\d+(?:\.\d+)?$/.test(value);
}

export function quoteLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}
