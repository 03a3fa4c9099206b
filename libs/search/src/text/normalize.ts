/**
 * Folding of Japanese text so that the spellings people actually type meet the spellings hosts
 * wrote: the same function runs over documents and queries.
 *
 * - NFKC: full-width Latin and digits, half-width katakana (ｺｰﾋｰ → コーヒー), compatibility forms;
 * - lower case;
 * - iteration marks spelled out (人々 → 人人, いすゞ → いすず);
 * - katakana folded to hiragana (コーヒー and こーひー are one word);
 * - the long-vowel mark dropped after kana (コーヒー, コーヒ and コーヒ- meet);
 * - marks used inside words (・ ～ 〜) dropped, other punctuation made a space.
 */
export function normalize(text: string): string {
  const nfkc = text.normalize('NFKC').toLowerCase();
  let out = '';
  let prev = '';
  for (const ch of nfkc) {
    let c = ch;
    if (c === '々' || c === '〻') c = isHan(prev) ? prev : '';
    else if (c === 'ゝ' || c === 'ヽ') c = prev;
    else if (c === 'ゞ' || c === 'ヾ') c = voiced(prev);
    c = toHiragana(c);
    if (LONG_VOWELS.has(c)) {
      if (isKana(prev)) continue;
      c = ' ';
    } else if (IN_WORD_MARKS.has(c)) {
      continue;
    } else if (!isWordChar(c)) {
      c = ' ';
    }
    if (c === ' ' && (out === '' || out.endsWith(' '))) {
      prev = '';
      continue;
    }
    out += c;
    prev = c === ' ' ? '' : c;
  }
  return out.trimEnd();
}

/** ー and the dashes people type for it (NFKC has already made ｰ into ー). */
export const LONG_VOWELS = new Set(['ー', '-', '‐', '−', '—', '―']);
/** Marks written inside names (封入・封かん, つどい～の) that searchers leave out. */
export const IN_WORD_MARKS = new Set(['・', '～', '〜', '~', "'", '’', '･']);

const HIRAGANA_START = 0x3041;
const HIRAGANA_END = 0x3096;
const KATAKANA_START = 0x30a1;
const KATAKANA_END = 0x30f6;

/** Katakana to hiragana; the small ヶ and ヵ of place names (緑ヶ丘) read as the full kana. */
export function toHiragana(c: string): string {
  if (c === 'ヶ' || c === 'ゖ') return 'け';
  if (c === 'ヵ' || c === 'ゕ') return 'か';
  const code = c.codePointAt(0)!;
  if (code >= KATAKANA_START && code <= KATAKANA_END) return String.fromCodePoint(code - 0x60);
  return c;
}

function voiced(c: string): string {
  const composed = (c + '\u3099').normalize('NFC');
  return composed.length === 1 ? composed : c;
}

export function isKana(c: string): boolean {
  if (!c) return false;
  const code = c.codePointAt(0)!;
  return (
    (code >= HIRAGANA_START && code <= HIRAGANA_END) || (code >= KATAKANA_START && code <= 0x30fa)
  );
}

export function isHan(c: string): boolean {
  return c !== '' && /\p{Script=Han}/u.test(c);
}

function isWordChar(c: string): boolean {
  return /[\p{L}\p{Nd}]/u.test(c);
}

/** The script class of a normalised character: CJK characters are matched by bigrams. */
export type Script = 'cjk' | 'word' | 'other';
export function scriptOf(c: string): Script {
  if (isKana(c) || isHan(c)) return 'cjk';
  if (/[\p{L}\p{Nd}]/u.test(c)) return 'word';
  return 'other';
}
