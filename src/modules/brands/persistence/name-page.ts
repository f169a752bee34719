import { ValidationFailedError } from '../../../common/errors/domain-errors';
import { isStorableString } from '../../../common/validation/storable-text';

/** A page of a list ordered by name (names are unique within their owner, so the name alone is the keyset). */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface PageRequest {
  limit: number;
  /** The last name of the previous page, decoded; absent on the first page. */
  after?: string;
}

export const DEFAULT_PAGE_SIZE = 20;

/** Opaque to clients: the page's last name. */
export function encodeNameCursor(name: string): string {
  return Buffer.from(JSON.stringify([name])).toString('base64url');
}

/** Clients can send anything: a cursor that is not one we issued is their 400, never a 500 in the database. */
export function decodeNameCursor(raw: string): string {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
  if (!Array.isArray(decoded) || decoded.length !== 1 || typeof decoded[0] !== 'string' || !isStorableString(decoded[0])) throw invalidCursor();
  return decoded[0];
}

export function pageRequestOf(query: { limit?: number; cursor?: string }): PageRequest {
  return { limit: query.limit ?? DEFAULT_PAGE_SIZE, ...(query.cursor ? { after: decodeNameCursor(query.cursor) } : {}) };
}

/** `rows` were fetched with `take: limit + 1`: the extra row only says another page exists. */
export function pageOf<T extends { name: string }>(rows: T[], limit: number): Page<T> {
  const items = rows.slice(0, limit);
  return { items, nextCursor: rows.length > limit ? encodeNameCursor(items[items.length - 1].name) : null };
}

function invalidCursor(): ValidationFailedError {
  return new ValidationFailedError(['cursor'], 'invalid request: cursor is not one this API issued');
}
