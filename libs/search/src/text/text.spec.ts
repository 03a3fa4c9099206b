import { normalize } from './normalize';
import { editDistance } from './edit-distance';
import { highlight } from './highlight';
import {
  documentLexemes,
  matchingSpellings,
  parseQuery,
  spellingsOf,
  toTsQuery,
  vocabularyWords,
} from './tokens';

describe('normalize', () => {
  it.each([
    ['ｺｰﾋｰ', 'こひ'],
    ['コーヒー', 'こひ'],
    ['コーヒ-', 'こひ'],
    ['ＡＢＣ　カフェ', 'abc かふぇ'],
    ['人々', '人人'],
    ['いすゞ', 'いすず'],
    ['緑ヶ丘', '緑け丘'],
    ['封入・封かん作業', '封入封かん作業'],
    ['つどい～の', 'つどいの'],
    ['（本町会場）', '本町会場'],
    ['ー', ''],
  ])('%s → %s', (input, expected) => {
    expect(normalize(input)).toBe(expected);
  });
});

describe('document lexemes', () => {
  it('indexes adjacent pairs across kana and kanji, single kanji and whole Latin words', () => {
    const lexemes = documentLexemes('子ども食堂 B型 cafe');
    expect(lexemes).toEqual(
      expect.arrayContaining(['子ど', 'ども', 'も食', '食堂', '子', '食', '堂', 'b', '型', 'cafe']),
    );
    expect(lexemes).not.toContain('ど');
  });
});

describe('queries', () => {
  it('finds hiragana words inside longer ones through pairs', () => {
    const [term] = parseQuery('ひきこもり', false);
    expect(term.alternatives[0].map((l) => l.text)).toEqual(['ひき', 'きこ', 'こも', 'もり']);
  });

  it('splits where the script changes, so words typed together need not be adjacent', () => {
    const [term] = parseQuery('居場所ひきこもり', false);
    expect(term.alternatives[0].map((l) => l.text)).toEqual([
      '居場',
      '場所',
      'ひき',
      'きこ',
      'こも',
      'もり',
    ]);
  });

  it('expands synonyms, also inside a longer word', () => {
    expect(spellingsOf(normalize('引きこもり'))).toContain('ひきこもり');
    expect(spellingsOf(normalize('子供食堂'))).toEqual(
      expect.arrayContaining(['子ども食堂', 'こども食堂']),
    );
  });

  it('treats the last word as still being typed', () => {
    const terms = parseQuery('カフェ ぼ');
    expect(terms[1].alternatives[0]).toEqual([{ text: 'ぼ', prefix: true }]);
    expect(parseQuery('cof')[0].alternatives[0]).toEqual([{ text: 'cof', prefix: true }]);
  });

  it('searches only the spellings no other spelling of the word already covers', () => {
    const [volunteer] = parseQuery('ボランティア', false);
    const texts = (alternatives: { text: string; prefix: boolean }[][]) =>
      alternatives.map((lexemes) =>
        lexemes.map((l) => `${l.text}${l.prefix ? '*' : ''}`).join(' '),
      );
    // ぼらんてぃあ has every pair of ぼら (its synonym ボラ): searching it too finds nothing more.
    expect(texts(volunteer.alternatives)).toEqual(
      expect.arrayContaining(['ぼら らん んて てぃ ぃあ', 'ぼら']),
    );
    expect(texts(matchingSpellings(volunteer.alternatives))).not.toContain(
      'ぼら らん んて てぃ ぃあ',
    );
    expect(texts(matchingSpellings(volunteer.alternatives))).toContain('ぼら');

    const a = { text: 'かふ', prefix: false };
    const b = { text: 'ふぇ', prefix: false };
    // A word still being typed (a prefix) covers every longer term it begins.
    expect(matchingSpellings([[a, b], [{ text: 'か', prefix: true }]])).toEqual([
      [{ text: 'か', prefix: true }],
    ]);
    expect(matchingSpellings([[{ text: 'か', prefix: true }], [a]])).toEqual([
      [{ text: 'か', prefix: true }],
    ]);
    expect(matchingSpellings([[a], [{ text: 'かふ', prefix: true }]])).toEqual([
      [{ text: 'かふ', prefix: true }],
    ]);
    // Neither covers the other: both stay; the same spelling twice: the first stays.
    expect(matchingSpellings([[a], [b]])).toEqual([[a], [b]]);
    expect(
      matchingSpellings([
        [a, b],
        [b, a],
      ]),
    ).toEqual([[a, b]]);
  });

  it('drops particles and punctuation and quotes every lexeme', () => {
    expect(parseQuery("の ' ; -- \\", false)).toEqual([]);
    expect(toTsQuery(parseQuery("o'brien", false))).toBe("(('obrien'))");
  });
});

describe('vocabulary', () => {
  it('keeps katakana words whole even where the splitter cuts them', () => {
    expect(vocabularyWords('相談会のカウンセラー')).toContain('かうんせら');
    expect(vocabularyWords('ボランティアの募集')).toContain('ぼらんてぃあ');
  });
});

describe('highlight', () => {
  it('marks what matched in the original spelling and escapes the rest', () => {
    expect(highlight('コーヒー淹れ隊 <本町>', parseQuery('こーひー', false))).toBe(
      '<mark>コーヒー</mark>淹れ隊 &lt;本町&gt;',
    );
  });

  it('cuts a long text to a window around the first match', () => {
    const text = `${'あ'.repeat(100)}畑での収穫${'い'.repeat(100)}`;
    const snippet = highlight(text, parseQuery('畑', false), 40)!;
    expect(snippet).toContain('<mark>畑</mark>');
    expect(snippet.startsWith('…')).toBe(true);
    expect(snippet.endsWith('…')).toBe(true);
  });
});

describe('edit distance', () => {
  it.each([
    ['ぼらんてぃあ', 'ぼらんてあ', 1],
    ['ぼらんてぃあ', 'ぼらんちぃあ', 1],
    ['すまほ', 'すほま', 1],
    ['さろん', 'さろん', 0],
    ['ぼらんてぃあ', 'ふぁあむ', 3],
  ])('%s → %s is %i (capped at 3)', (a, b, d) => {
    expect(editDistance(a, b, 2)).toBe(Math.min(d, 3));
  });
});

describe('okurigana', () => {
  it('pairs a kana ending a word with its kanji instead of dropping it', () => {
    expect(parseQuery('ごみ拾い', false)[0].alternatives[0].map((l) => l.text)).toEqual([
      'ごみ',
      '拾',
      '拾い',
    ]);
  });
});
