import { isUUID } from 'class-validator';
import { BadUserInputException } from '../errors';
import { unsafeTextFields } from '../validation/safe-text.pipe';

/** A keyset position: the sort key of the last row seen and its id, as an opaque string. */
export interface KeysetPosition {
  key: string | number;
  id: string;
}

/** Room for a sort key of 200 four-byte characters and an id, in base64. */
export const MAX_CURSOR_LENGTH = 1200;

export function encodeCursor(position: KeysetPosition): string {
  return Buffer.from(JSON.stringify([position.key, position.id]), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string, field = 'after'): KeysetPosition {
  const invalid = () =>
    BadUserInputException.field(
      field,
      'ページの位置（カーソル）が正しくありません。最初のページから読み直してください',
    );
  if (cursor.length > MAX_CURSOR_LENGTH || !/^[A-Za-z0-9_-]+$/.test(cursor)) throw invalid();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (
    !Array.isArray(parsed) ||
    parsed.length !== 2 ||
    !(typeof parsed[0] === 'string' || typeof parsed[0] === 'number') ||
    typeof parsed[1] !== 'string' ||
    !isUUID(parsed[1]) ||
    unsafeTextFields(parsed[0]).length > 0
  ) {
    throw invalid();
  }
  return { key: parsed[0], id: parsed[1] };
}
