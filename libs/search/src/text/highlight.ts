import { IN_WORD_MARKS, isKana, LONG_VOWELS, toHiragana } from './normalize';
import type { QueryTerm } from './tokens';

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ESCAPES[c]);

/**
 * The text with what the query matched wrapped in <mark>, everything else HTML-escaped; cut to a
 * window around the first match when `window` is given. Null when the text is empty.
 */
export function highlight(text: string | null, terms: QueryTerm[], window?: number): string | null {
  if (!text) return null;
  const chars = [...text];
  // Fold character by character, keeping where each folded character came from.
  let folded = '';
  const from: number[] = [];
  const silent = (c: string, i: number) =>
    IN_WORD_MARKS.has(c) || (LONG_VOWELS.has(c) && i > 0 && isKana(chars[i - 1]));
  chars.forEach((c, i) => {
    if (silent(c, i)) return;
    for (const f of toHiragana(c.normalize('NFKC').toLowerCase())) {
      folded += f;
      from.push(i);
    }
  });
  const marked = new Array<boolean>(chars.length).fill(false);
  const needles = new Set(terms.flatMap((t) => t.alternatives.flat().map((l) => l.text)));
  for (const needle of needles) {
    for (let at = folded.indexOf(needle); at >= 0; at = folded.indexOf(needle, at + 1)) {
      for (let k = from[at]; k <= from[at + needle.length - 1]; k++) marked[k] = true;
    }
  }
  // A long-vowel mark ending a matched word belongs to it (コーヒー).
  chars.forEach((c, i) => {
    if (i > 0 && marked[i - 1] && silent(c, i)) marked[i] = true;
  });
  let start = 0;
  let end = chars.length;
  if (window && chars.length > window) {
    const first = Math.max(marked.indexOf(true), 0);
    start = Math.max(0, Math.min(first - Math.floor(window / 4), chars.length - window));
    end = start + window;
  }
  let out = start > 0 ? '…' : '';
  for (let i = start; i < end; i++) {
    if (marked[i] && (i === start || !marked[i - 1])) out += '<mark>';
    out += escapeHtml(chars[i]);
    if (marked[i] && (i === end - 1 || !marked[i + 1])) out += '</mark>';
  }
  return end < chars.length ? `${out}…` : out;
}
