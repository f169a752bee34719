/**
 * Prisma's default constraint and index names for PostgreSQL (psl ConstraintNames):
 * `{table}_pkey`, `{table}_{columns}_key`, `{table}_{columns}_idx`, `{table}_{columns}_fkey`,
 * built from database names and cut so the whole name fits Postgres' 63-byte identifiers.
 * The DMMF only carries a name when the schema sets one with `map:`, so the rest is derived here.
 */
const MAX_IDENTIFIER_BYTES = 63;

export function primaryKeyName(table: string): string {
  return withSuffix(table, '_pkey');
}

export function uniqueIndexName(table: string, columns: string[]): string {
  return withSuffix(`${table}_${columns.join('_')}`, '_key');
}

export function indexName(table: string, columns: string[]): string {
  return withSuffix(`${table}_${columns.join('_')}`, '_idx');
}

export function foreignKeyName(table: string, columns: string[]): string {
  return withSuffix(`${table}_${columns.join('_')}`, '_fkey');
}

function withSuffix(stem: string, suffix: string): string {
  return truncateBytes(stem, MAX_IDENTIFIER_BYTES - Buffer.byteLength(suffix)) + suffix;
}

/** Cuts to at most `max` UTF-8 bytes without splitting a character. */
function truncateBytes(value: string, max: number): string {
  if (Buffer.byteLength(value) <= max) return value;
  let out = '';
  for (const char of value) {
    if (Buffer.byteLength(out + char) > max) break;
    out += char;
  }
  return out;
}
