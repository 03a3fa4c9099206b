import { BadUserInputException } from '../errors';
import { decodeCursor, encodeCursor, MAX_CURSOR_LENGTH } from './cursor';

describe('keyset cursors', () => {
  it('round-trips a Japanese sort key and an id', () => {
    const position = { key: 'NPO法人 ひだまりの家', id: '2c9b728c-b508-48ca-b600-1190ed3f6a5b' };
    expect(decodeCursor(encodeCursor(position))).toEqual(position);
  });

  it('round-trips a numeric key', () => {
    const id = '9cf5c035-a8be-4635-9d39-3bf7e702a603';
    expect(decodeCursor(encodeCursor({ key: 42, id }))).toEqual({ key: 42, id });
  });

  it.each([
    ['not base64url', '***'],
    ['not JSON', Buffer.from('{oops').toString('base64url')],
    ['wrong shape', Buffer.from(JSON.stringify({ key: 1 })).toString('base64url')],
    ['id not a string', Buffer.from(JSON.stringify(['a', 1])).toString('base64url')],
    ['too long', 'a'.repeat(MAX_CURSOR_LENGTH + 1)],
    ['an id that is not a uuid', Buffer.from(JSON.stringify(['a', 'x'])).toString('base64url')],
    [
      'a key with a control character',
      Buffer.from(JSON.stringify(['a\u0000', '9cf5c035-a8be-4635-9d39-3bf7e702a603'])).toString(
        'base64url',
      ),
    ],
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
