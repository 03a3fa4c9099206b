import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { SearchDocument, SearchDocumentSource } from '../document/search-document';
import { normalize } from '../text/normalize';
import { documentLexemes, vocabularyWords } from '../text/tokens';

/** Field weights, as tsvector labels: name > themes and tags > host, area, days > description. */
const WEIGHTS = [
  ['name', 'A'],
  ['themes', 'B'],
  ['context', 'C'],
  ['description', 'D'],
] as const;
const MAX_POSITION = 16383;
const MAX_LEXEME_LENGTH = 100;
const BATCH = 500;

/** Writes the built-in engine's index rows, inside the caller's transaction. */
@Injectable()
export class BuiltinIndex {
  constructor(private readonly source: SearchDocumentSource) {}

  async refresh(ids: readonly string[], em: EntityManager): Promise<number> {
    let written = 0;
    for (let start = 0; start < ids.length; start += BATCH) {
      const docs = await this.source.load(ids.slice(start, start + BATCH), em);
      written += await this.write(docs, em);
    }
    return written;
  }

  async write(docs: SearchDocument[], em: EntityManager): Promise<number> {
    if (!docs.length) return 0;
    const rows = docs.map((d) => ({
      id: d.id,
      document: tsvectorOf(d),
      name: normalize(d.name),
      kind: d.kind,
      lat: d.point?.lat ?? null,
      lng: d.point?.lng ?? null,
    }));
    await em.query(
      `INSERT INTO resource_search (resource_id, document, name_folded, public_point, kind, refreshed_at)
       SELECT (x->>'id')::uuid, (x->>'document')::tsvector, x->>'name',
              CASE WHEN x->>'lat' IS NULL THEN NULL
                   ELSE ST_SetSRID(ST_MakePoint((x->>'lng')::float8, (x->>'lat')::float8), 4326)::geography END,
              (x->>'kind')::resource_kind, now()
         FROM jsonb_array_elements($1::jsonb) x
       ON CONFLICT (resource_id) DO UPDATE
         SET document = EXCLUDED.document, name_folded = EXCLUDED.name_folded,
             public_point = EXCLUDED.public_point, kind = EXCLUDED.kind, refreshed_at = now()`,
      [JSON.stringify(rows)],
    );
    const words = [
      ...new Set(
        docs.flatMap((d) =>
          vocabularyWords(`${d.text.name} ${d.text.themes} ${d.text.description}`),
        ),
      ),
    ]
      .filter((w) => w.length <= MAX_LEXEME_LENGTH)
      .sort();
    if (words.length) {
      // Sorted, so that concurrent writers take the same keys in the same order.
      await em.query(
        `INSERT INTO search_vocabulary (word, grams)
         SELECT x->>'w', ARRAY(SELECT jsonb_array_elements_text(x->'g'))
           FROM jsonb_array_elements($1::jsonb) x
         ON CONFLICT (word) DO NOTHING`,
        [JSON.stringify(words.map((w) => ({ w, g: pairsOf(w) })))],
      );
    }
    return rows.length;
  }
}

/** A tsvector literal: each lexeme with one position per field it occurs in, labelled by weight. */
export function tsvectorOf(doc: SearchDocument): string {
  const positions = new Map<string, string[]>();
  let position = 0;
  for (const [field, weight] of WEIGHTS) {
    for (const lexeme of documentLexemes(doc.text[field])) {
      if (lexeme.length > MAX_LEXEME_LENGTH) continue;
      position = Math.min(position + 1, MAX_POSITION);
      const list = positions.get(lexeme) ?? [];
      list.push(`${position}${weight}`);
      positions.set(lexeme, list);
    }
  }
  return [...positions]
    .map(([lexeme, at]) => `'${lexeme.replace(/\\/g, '\\\\').replace(/'/g, "''")}':${at.join(',')}`)
    .join(' ');
}

/** The adjacent character pairs of a word (a one-character word is its own pair). */
export function pairsOf(word: string): string[] {
  const chars = [...word];
  if (chars.length < 2) return chars;
  return [...new Set(chars.slice(1).map((c, i) => chars[i] + c))];
}
