import { BadUserInputException } from '../errors';
import { decodeCursor, encodeCursor } from './cursor';

describe('keyset cursors', () => {
  it('round-trips a Japanese sort key and an id', () => {
    const position = { key: 'NPO法人 ひだまりの家', id: '2c9b728c-b508-48ca-b600-1190ed3f6a5b' };
    expect(decodeCursor(encodeCursor(position))).toEqual(position);
  });

  it('round-trips a numeric key', () => {
    expect(decodeCursor(encodeCursor({ key: 42, id: 'x' }))).toEqual({ key: 42, id: 'x' });
  });

  it.each([
    ['not base64url', '***'],
    ['not JSON', Buffer.from('{oops').toString('base64url')],
    ['wrong shape', Buffer.from(JSON.stringify({ key: 1 })).toString('base64url')],
    ['id not a string', Buffer.from(JSON.stringify(['a', 1])).toString('base64url')],
    ['too long', 'a'.repeat(600)],
  ])('refuses a cursor that is %s, naming the field', (_label, cursor) => {
    expect.assertions(2);
    try {
      decodeCursor(cursor);
    } catch (error) {
      expect(error).toBeInstanceOf(BadUserInputException);
      expect((error as BadUserInputException).fieldErrors[0].field).toBe('after');
    }
  });
});
