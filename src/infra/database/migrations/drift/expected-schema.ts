import { foreignKeyName, indexName, primaryKeyName, uniqueIndexName } from './constraint-names';
import { type DmmfDatamodel, type DmmfField, type DmmfModel, type SchemaFiles, readDatamodel } from './prisma-dmmf';
import {
  ANY_DEFAULT,
  type DbColumn,
  type DbForeignKey,
  type DbSchema,
  type DbTable,
  type ReferentialAction,
  canonicalDefault,
  canonicalType,
  emptyTable,
  quoteLiteral,
} from './schema-model';
import { type SchemaTextFacts, scanSchemaText } from './schema-text-scan';

/** Column types Prisma Migrate gives each scalar type on PostgreSQL when no @db attribute is set. */
const SCALAR_TYPES: Record<string, string> = {
  String: 'text',
  Boolean: 'boolean',
  Int: 'integer',
  BigInt: 'bigint',
  Float: 'double precision',
  Decimal: 'decimal(65,30)',
  DateTime: 'timestamp(3)',
  Json: 'jsonb',
  Bytes: 'bytea',
};

/** @db.* native type names whose Postgres spelling is not simply the lower-cased name. */
const NATIVE_TYPES: Record<string, string> = {
  DoublePrecision: 'double precision',
  JsonB: 'jsonb',
  ByteA: 'bytea',
  VarBit: 'varbit',
};

const ACTIONS: Record<string, ReferentialAction> = {
  Cascade: 'CASCADE',
  Restrict: 'RESTRICT',
  NoAction: 'NO ACTION',
  SetNull: 'SET NULL',
  SetDefault: 'SET DEFAULT',
};

/** The database schema that `prisma migrate dev` would create for these schema files. */
export function expectedSchema(files: SchemaFiles): DbSchema {
  const datamodel = readDatamodel(files);
  const facts = scanSchemaText(files);
  const names = new Names(datamodel);
  const tables = new Map<string, DbTable>();
  for (const model of datamodel.models) {
    const table = emptyTable(names.table(model.name));
    table.columns = [...scalarColumns(model, names), ...unsupportedColumns(model, facts)];
    table.foreignKeys = foreignKeys(model, names, facts, table.name);
    tables.set(table.name, table);
  }
  for (const index of datamodel.indexes) {
    const table = tables.get(names.table(index.model));
    if (!table) continue;
    const columns = index.fields.map((f) => ({ name: names.column(index.model, f.name, facts), descending: f.sortOrder === 'desc' }));
    const columnNames = columns.map((c) => c.name);
    if (index.type === 'id') {
      table.primaryKey = { name: index.dbName ?? primaryKeyName(table.name), columns: columnNames };
      continue;
    }
    const unique = index.type === 'unique';
    const name = index.dbName ?? (unique ? uniqueIndexName : indexName)(table.name, columnNames);
    table.indexes.push({ name, unique, columns, method: index.algorithm?.toLowerCase() ?? 'btree' });
  }
  for (const raw of facts.rawIndexes) {
    const table = tables.get(names.table(raw.model));
    if (!table) continue;
    const columns = raw.columns.map(({ column, opclass }) => ({ name: names.column(raw.model, column, facts), descending: false, opclass }));
    table.indexes.push({ name: raw.name, unique: false, columns, method: raw.method });
  }
  return {
    extensions: facts.extensions,
    enums: new Map(datamodel.enums.map((e) => [e.dbName ?? e.name, e.values.map((v) => v.dbName ?? v.name)])),
    tables,
  };
}

/** Database names of models, fields and enums, honouring @@map / @map. */
class Names {
  private readonly models: Map<string, DmmfModel>;
  private readonly enums: Map<string, DmmfDatamodel['enums'][number]>;

  constructor(datamodel: DmmfDatamodel) {
    this.models = new Map(datamodel.models.map((m) => [m.name, m]));
    this.enums = new Map(datamodel.enums.map((e) => [e.name, e]));
  }

  table(model: string): string {
    return this.models.get(model)?.dbName ?? model;
  }

  column(model: string, field: string, facts?: SchemaTextFacts): string {
    const dmmfField = this.models.get(model)?.fields.find((f) => f.name === field);
    if (dmmfField) return dmmfField.dbName ?? field;
    return facts?.unsupportedFields.find((u) => u.model === model && u.field === field)?.column ?? field;
  }

  enumType(name: string): string {
    return this.enums.get(name)?.dbName ?? name;
  }

  enumValue(enumName: string, value: string): string {
    return this.enums.get(enumName)?.values.find((v) => v.name === value)?.dbName ?? value;
  }
}

function scalarColumns(model: DmmfModel, names: Names): DbColumn[] {
  return model.fields
    .filter((f) => f.kind === 'scalar' || f.kind === 'enum')
    .map((field) => ({
      name: field.dbName ?? field.name,
      type: canonicalType(columnType(field, names) + (field.isList ? '[]' : '')),
      // Prisma creates scalar-list columns without NOT NULL, whatever the field says.
      nullable: field.isList || !field.isRequired,
      default: expectedDefault(field, names),
    }));
}

function unsupportedColumns(model: DmmfModel, facts: SchemaTextFacts): DbColumn[] {
  return facts.unsupportedFields
    .filter((u) => u.model === model.name)
    .map((u) => ({ name: u.column, type: canonicalType(u.type), nullable: u.optional, default: canonicalDefault(u.dbDefault) }));
}

function columnType(field: DmmfField, names: Names): string {
  if (field.kind === 'enum') return `"${names.enumType(field.type)}"`;
  if (field.nativeType) {
    const [name, args] = field.nativeType;
    const base = NATIVE_TYPES[name] ?? name.toLowerCase();
    return args.length > 0 ? `${base}(${args.join(',')})` : base;
  }
  return SCALAR_TYPES[field.type] ?? field.type.toLowerCase();
}

function expectedDefault(field: DmmfField, names: Names): string | null {
  const raw = rawDefault(field, names);
  return raw === ANY_DEFAULT ? raw : canonicalDefault(raw);
}

function rawDefault(field: DmmfField, names: Names): string | null {
  const value = field.default;
  if (value === undefined || value === null) return null;
  if (Array.isArray(value)) return `ARRAY[${value.map((v) => literal(field, v, names)).join(', ')}]`;
  if (typeof value === 'object') {
    switch (value.name) {
      case 'dbgenerated':
        return typeof value.args[0] === 'string' ? value.args[0] : ANY_DEFAULT;
      case 'now':
        return 'CURRENT_TIMESTAMP';
      case 'autoincrement':
        return 'autoincrement()';
      default:
        return null; // uuid(), cuid(), nanoid(), ulid(): generated by the client, no database default
    }
  }
  return literal(field, value, names);
}

function literal(field: DmmfField, value: string | number | boolean, names: Names): string {
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'number') return String(value);
  if (field.kind === 'enum') return quoteLiteral(names.enumValue(field.type, value));
  if (['Int', 'BigInt', 'Float', 'Decimal'].includes(field.type)) return value;
  return quoteLiteral(value);
}

function foreignKeys(model: DmmfModel, names: Names, facts: SchemaTextFacts, table: string): DbForeignKey[] {
  return model.fields
    .filter((f) => f.kind === 'object' && (f.relationFromFields?.length ?? 0) > 0)
    .map((relation) => {
      const fromFields = relation.relationFromFields ?? [];
      const columns = fromFields.map((f) => names.column(model.name, f));
      const required = fromFields.every((f) => model.fields.find((x) => x.name === f)?.isRequired);
      return {
        name: facts.foreignKeyNames.get(`${model.name}.${relation.name}`) ?? foreignKeyName(table, columns),
        columns,
        referencedTable: names.table(relation.type),
        referencedColumns: (relation.relationToFields ?? []).map((f) => names.column(relation.type, f)),
        // Prisma's defaults: Restrict for required relations, SetNull for optional ones; Cascade on update.
        onDelete: ACTIONS[relation.relationOnDelete ?? (required ? 'Restrict' : 'SetNull')],
        onUpdate: ACTIONS[relation.relationOnUpdate ?? 'Cascade'],
      };
    });
}
