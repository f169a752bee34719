import { ValidationFailedError } from '../errors/domain-errors';
import { decodeCursor, encodeCursor } from './page-cursor';

const ID = '0f8fad5b-d9cb-469f-a165-70867728950e';
const forged = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe(encodeCursor.name, () => {
  it('should round-trip the position of a row', () => {
    const position = { createdAt: new Date('2026-11-22T08:00:00.123Z'), id: ID };
    expect(decodeCursor(encodeCursor(position))).toEqual(position);
  });

  it.each([
    ['empty', ''],
    ['not base64 JSON', 'not-base64-json'],
    ['not a date', forged(['not a date', ID])],
    ['SQL for an id', forged(['2026-11-22T08:00:00Z', '; drop table'])],
    ['36 dashes for an id', forged(['2026-11-22T08:00:00Z', '-'.repeat(36)])],
    ['hex of the right length but no UUID', forged(['2026-11-22T08:00:00Z', 'a'.repeat(36)])],
    ['a year past 9999', forged(['+275760-09-13T00:00:00.000Z', ID])],
    ['a year before 1', forged(['-000001-01-01T00:00:00.000Z', ID])],
    ['year 0', forged(['0000-06-01T00:00:00.000Z', ID])],
    ['a number for the date', forged([0, ID])],
    ['an object', forged({ createdAt: '2026-11-22T08:00:00Z', id: ID })],
    ['null', forged(null)],
    ['three parts', forged(['2026-11-22T08:00:00Z', ID, 'x'])],
  ])('should reject a cursor it did not issue (%s)', (_name, raw) => {
    expect(() => decodeCursor(raw)).toThrow(ValidationFailedError);
  });
});
