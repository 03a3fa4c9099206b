import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { editDistance, typoBudget } from '../text/edit-distance';
import { pairsOf } from './builtin-index';

const MAX_CANDIDATES = 500;
const MAX_CORRECTIONS = 3;

/** Words of the listings a mistyped word may have meant. */
@Injectable()
export class VocabularyRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The closest known words within the typo budget for the word's length, best first. */
  async corrections(word: string): Promise<string[]> {
    const length = [...word].length;
    const budget = typoBudget(length);
    if (budget === 0) return [];
    const rows: { word: string }[] = await this.dataSource.query(
      `SELECT word FROM search_vocabulary
        WHERE grams && $1::text[] AND char_length(word) BETWEEN $2 AND $3 AND word <> $4
        LIMIT ${MAX_CANDIDATES}`,
      [pairsOf(word), length - budget, length + budget, word],
    );
    return rows
      .map((r) => ({ word: r.word, distance: editDistance(word, r.word, budget) }))
      .filter((c) => c.distance <= budget)
      .sort((a, b) => a.distance - b.distance || a.word.localeCompare(b.word))
      .slice(0, MAX_CORRECTIONS)
      .map((c) => c.word);
  }
}
