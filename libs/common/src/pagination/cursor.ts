import { BadUserInputException } from '../errors';

/** A keyset position: the sort key of the last row seen and its id, as an opaque string. */
export interface KeysetPosition {
  key: string | number;
  id: string;
}

export function encodeCursor(position: KeysetPosition): string {
  return Buffer.from(JSON.stringify([position.key, position.id]), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string, field = 'after'): KeysetPosition {
  const invalid = () =>
    BadUserInputException.field(
      field,
      'ページの位置（カーソル）が正しくありません。最初のページから読み直してください',
    );
  if (cursor.length > 512 || !/^[A-Za-z0-9_-]+$/.test(cursor)) throw invalid();
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
    typeof parsed[1] !== 'string'
  ) {
    throw invalid();
  }
  return { key: parsed[0], id: parsed[1] };
}
