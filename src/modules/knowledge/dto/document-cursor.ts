import { isUUID } from 'class-validator';
import { ValidationFailedError } from '../../../common/errors/domain-errors';
import { isStorableTimestamp } from '../../../common/validation/storable-timestamp';

export interface DocumentCursor {
  createdAt: Date;
  id: string;
}

/** Opaque to clients: the last row's (createdAt, id), the page order's tiebreak included. */
export function encodeDocumentCursor(cursor: DocumentCursor): string {
  return Buffer.from(JSON.stringify([cursor.createdAt.toISOString(), cursor.id])).toString('base64url');
}

/** Every part is checked before it becomes a query parameter: a bad one is the client's 400, not our 500. */
export function decodeDocumentCursor(raw: string): DocumentCursor {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
  if (!Array.isArray(decoded) || decoded.length !== 2) throw invalidCursor();
  const [createdAt, id] = decoded as unknown[];
  if (typeof createdAt !== 'string' || typeof id !== 'string' || !isUUID(id)) throw invalidCursor();
  const date = new Date(createdAt);
  if (Number.isNaN(date.getTime()) || !isStorableTimestamp(date)) throw invalidCursor();
  return { createdAt: date, id };
}

function invalidCursor(): ValidationFailedError {
  return new ValidationFailedError(['cursor'], 'invalid request: cursor is not one this API issued');
}
