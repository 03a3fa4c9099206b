import { isHan, isKana, normalize, scriptOf } from './normalize';
import { SYNONYM_GROUPS } from './synonyms.data';

/**
 * Index terms of a text: every pair of adjacent CJK characters (so that two-character words and
 * hiragana words, which no word splitter gets right, are found inside longer ones), every kanji
 * on its own (畑, 茶), and whole Latin/digit words.
 */
export function documentLexemes(text: string): string[] {
  const out = new Set<string>();
  for (const span of spans(normalize(text))) {
    if (span.script === 'word') {
      out.add(span.text);
      continue;
    }
    const chars = [...span.text];
    chars.forEach((c, i) => {
      if (isHan(c)) out.add(c);
      if (i + 1 < chars.length) out.add(c + chars[i + 1]);
    });
  }
  return [...out];
}

/** Words of a text as a word splitter sees them, folded: the vocabulary typo tolerance draws on. */
export function vocabularyWords(text: string): string[] {
  const segmenter = new Intl.Segmenter('ja', { granularity: 'word' });
  const out = new Set<string>();
  const nfkc = text.normalize('NFKC');
  for (const s of segmenter.segment(nfkc)) {
    if (!s.isWordLike) continue;
    const word = normalize(s.segment);
    if ([...word].length >= MIN_TYPO_LENGTH && !word.includes(' ')) out.add(word);
  }
  // Katakana and Latin runs are words in themselves (ボランティア, サポーター), whatever the
  // splitter made of them.
  for (const run of nfkc.match(/[\p{Script=Katakana}ー]+|[\p{Script=Latin}]+/gu) ?? []) {
    const word = normalize(run);
    if ([...word].length >= MIN_TYPO_LENGTH && !word.includes(' ')) out.add(word);
  }
  return [...out];
}

/** Words shorter than this are never "corrected": too many neighbours. */
export const MIN_TYPO_LENGTH = 4;

export interface Lexeme {
  text: string;
  /** Matches any index term starting with it (the word still being typed). */
  prefix: boolean;
}

/** One word of a query: the document must match one of its spellings (synonyms). */
export interface QueryTerm {
  /** The term as typed, folded. */
  text: string;
  /** Each alternative is a set of lexemes that must all be present. */
  alternatives: Lexeme[][];
}

export const MAX_QUERY_TERMS = 10;

/**
 * A query as terms, all required. A term is split where the script changes (ひきこもり居場所 →
 * ひきこもり + 居場所) so that words typed together need not be adjacent in the listing.
 */
export function parseQuery(query: string, prefixLast = true): QueryTerm[] {
  const words = normalize(query).split(' ').filter(Boolean).slice(0, MAX_QUERY_TERMS);
  return words
    .map((word, i) => {
      const last = prefixLast && i === words.length - 1;
      const alternatives = spellingsOf(word)
        .map((spelling) => queryLexemes(spelling, last))
        .filter((lexemes) => lexemes.length > 0);
      return { text: word, alternatives: dedupe(alternatives) };
    })
    .filter((term) => term.alternatives.length > 0);
}

/** The lexemes a typed word requires. */
export function queryLexemes(word: string, last: boolean): Lexeme[] {
  const out: Lexeme[] = [];
  const runs = scriptRuns(word);
  runs.forEach((run, r) => {
    const chars = [...run.text];
    const lastRun = last && r === runs.length - 1;
    if (run.script === 'word') {
      out.push({ text: run.text, prefix: lastRun });
    } else if (chars.length === 1) {
      // A kanji is a word. A lone kana ending a word after kanji is its inflection (拾い,
      // 手伝い) and pairs with the kanji; elsewhere it is a particle, unless it is the start of
      // what is being typed.
      const before = r > 0 ? runs[r - 1] : null;
      if (isHan(chars[0])) out.push({ text: chars[0], prefix: false });
      else if (r === runs.length - 1 && before?.script === 'cjk' && !before.kana)
        out.push({ text: [...before.text].pop()! + chars[0], prefix: false });
      else if (lastRun) out.push({ text: chars[0], prefix: true });
    } else {
      for (let i = 0; i + 1 < chars.length; i++)
        out.push({ text: chars[i] + chars[i + 1], prefix: false });
    }
  });
  const seen = new Set<string>();
  return out.filter((l) => {
    const key = `${l.text}:${l.prefix}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
}

const GROUPS = SYNONYM_GROUPS.map((group) => [...new Set(group.map(normalize))]);

/** The word and its synonyms; a synonym inside a longer word is swapped in place (子供食堂 → 子ども食堂). */
export function spellingsOf(word: string): string[] {
  const out = new Set([word]);
  for (const group of GROUPS) {
    const member = [...group].sort((a, b) => b.length - a.length).find((m) => word.includes(m));
    if (!member) continue;
    for (const other of group) out.add(word.replace(member, other));
  }
  return [...out];
}

/**
 * The spellings of a word a document must match one of, less those another spelling already
 * covers: every document with ぼら, らん, んて, てぃ and ぃあ also has ぼら, so searching for the
 * longer spelling as well finds nothing more and only costs an index scan. (Ranking still reads
 * every spelling: the spelling typed counts more than its synonyms.)
 */
export function matchingSpellings(alternatives: Lexeme[][]): Lexeme[][] {
  return alternatives.filter(
    (a, i) => !alternatives.some((b, j) => j !== i && narrower(a, b) && (j < i || !narrower(b, a))),
  );
}

/** Every document that has all of `a` has all of `b`. */
function narrower(a: Lexeme[], b: Lexeme[]): boolean {
  return b.every((y) =>
    a.some((x) => (y.prefix ? x.text.startsWith(y.text) : !x.prefix && x.text === y.text)),
  );
}

/** The query as a PostgreSQL tsquery over the index terms (lexemes quoted, never parsed). */
export function toTsQuery(terms: QueryTerm[]): string {
  return terms
    .map(
      (term) =>
        `(${term.alternatives
          .map((lexemes) => `(${lexemes.map(tsLexeme).join(' & ')})`)
          .join(' | ')})`,
    )
    .join(' & ');
}

function tsLexeme(l: Lexeme): string {
  return `'${l.text.replace(/\\/g, '\\\\').replace(/'/g, "''")}'${l.prefix ? ':*' : ''}`;
}

interface Span {
  text: string;
  script: 'cjk' | 'word';
}

/** Runs of CJK characters and runs of Latin/digits, in order, within each space-separated part. */
function spans(normalized: string): Span[] {
  const out: Span[] = [];
  for (const part of normalized.split(' ')) {
    let current: Span | null = null;
    for (const c of part) {
      const script = scriptOf(c);
      if (script === 'other') {
        current = null;
        continue;
      }
      if (current && current.script === script) current.text += c;
      else out.push((current = { text: c, script }));
    }
  }
  return out;
}

/** Like spans, but kana and kanji are separate runs. */
function scriptRuns(word: string): (Span & { kana: boolean })[] {
  const out: (Span & { kana: boolean })[] = [];
  for (const c of word) {
    const script = scriptOf(c);
    if (script === 'other') continue;
    const kana = isKana(c);
    const last = out[out.length - 1];
    if (last && last.script === script && last.kana === kana) last.text += c;
    else out.push({ text: c, script, kana });
  }
  return out;
}

function dedupe(alternatives: Lexeme[][]): Lexeme[][] {
  const seen = new Set<string>();
  return alternatives.filter((lexemes) => {
    const key = lexemes.map((l) => `${l.text}:${l.prefix}`).join(' ');
    return seen.has(key) ? false : (seen.add(key), true);
  });
}
