import { isUUID } from 'class-validator';
import { ValidationFailedError } from '../../../common/errors/domain-errors';
import { isStorableString } from '../../../common/validation/storable-text';

/** A page of rows and the cursor of the next one (null on the last page). */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** Opaque to clients: the last row's sort key, as strings. */
export function encodeKeyset(values: readonly string[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

/**
 * Clients can send anything: a cursor that is not one this API issued is their 400, never a SQL
 * error. Checks the shape; `last` names what its final value must be (every cursor here ends in
 * a row id, or is a natural key).
 */
export function decodeKeyset(raw: string, arity: number, last: 'uuid' | 'text' = 'uuid'): string[] {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
  if (!Array.isArray(decoded) || decoded.length !== arity || !decoded.every((v): v is string => typeof v === 'string' && isStorableString(v))) throw invalidCursor();
  if (last === 'uuid' && !isUUID(decoded[arity - 1])) throw invalidCursor();
  return decoded;
}

/** `rows` were fetched with `take: limit + 1`: the extra row only says another page exists. */
export function pageOf<T>(rows: T[], limit: number, keyOf: (row: T) => string[]): Page<T> {
  const items = rows.slice(0, limit);
  return { items, nextCursor: rows.length > limit ? encodeKeyset(keyOf(items[items.length - 1])) : null };
}

export function invalidCursor(): ValidationFailedError {
  return new ValidationFailedError(['cursor'], 'invalid request: cursor is not one this API issued');
}
