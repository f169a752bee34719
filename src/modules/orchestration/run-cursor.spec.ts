import { ValidationFailedError } from '../../common/errors/domain-errors';
import { decodeCursor, encodeCursor } from './run-cursor';

describe(encodeCursor.name, () => {
  it('should round-trip the position of a row', () => {
    const position = { createdAt: new Date('2026-11-22T08:00:00.123Z'), id: '0f8fad5b-d9cb-469f-a165-70867728950e' };
    expect(decodeCursor(encodeCursor(position))).toEqual(position);
  });

  it.each(['', 'not-base64-json', Buffer.from('["not a date","x"]').toString('base64url'), Buffer.from('["2026-11-22T08:00:00Z","; drop table"]').toString('base64url')])(
    'should reject a cursor it did not issue (%s)',
    (raw) => {
      expect(() => decodeCursor(raw)).toThrow(ValidationFailedError);
    },
  );
});
