import { isUUID } from 'class-validator';
import { ValidationFailedError } from '../errors/domain-errors';
import { isStorableTimestamp } from './storable-timestamp';

export interface RunCursor {
  createdAt: Date;
  id: string;
}

/**
 * Opaque to clients: the last row's (createdAt, id), the page order's tiebreak included. Every
 * newest-first list pages with it (runs first, hence the name).
 */
export function encodeCursor(cursor: RunCursor): string {
  return Buffer.from(JSON.stringify([cursor.createdAt.toISOString(), cursor.id])).toString('base64url');
}

/**
 * Clients can send anything here, so every part is checked before it becomes a SQL parameter:
 * a date Postgres cannot compare with, or an id that is not a UUID, would otherwise fail in the
 * database as a 500.
 */
export function decodeCursor(raw: string): RunCursor {
  const decoded = parse(raw);
  if (!Array.isArray(decoded) || decoded.length !== 2) throw invalidCursor();
  const [createdAt, id] = decoded as unknown[];
  if (typeof createdAt !== 'string' || typeof id !== 'string' || !isUUID(id)) throw invalidCursor();
  const date = new Date(createdAt);
  if (Number.isNaN(date.getTime()) || !isStorableTimestamp(date)) throw invalidCursor();
  return { createdAt: date, id };
}

function parse(raw: string): unknown {
  try {
    return JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
}

function invalidCursor(): ValidationFailedError {
  return new ValidationFailedError(['cursor'], 'invalid request: cursor is not one this API issued');
}
