import { ValidationFailedError } from '../../common/errors/domain-errors';

export interface RunCursor {
  createdAt: Date;
  id: string;
}

/** Opaque to clients: the last row's (createdAt, id), the page order's tiebreak included. */
export function encodeCursor(cursor: RunCursor): string {
  return Buffer.from(JSON.stringify([cursor.createdAt.toISOString(), cursor.id])).toString('base64url');
}

export function decodeCursor(raw: string): RunCursor {
  try {
    const [createdAt, id] = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as [string, string];
    const date = new Date(createdAt);
    if (Number.isNaN(date.getTime()) || !/^[0-9a-f-]{36}$/.test(id)) throw new Error('bad cursor');
    return { createdAt: date, id };
  } catch {
    throw new ValidationFailedError(['cursor'], 'invalid request: cursor is not one this API issued');
  }
}
