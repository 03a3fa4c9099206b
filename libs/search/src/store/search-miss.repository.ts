import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SearchMissEntity } from './search.entities';

/** Searches that found nothing, for the unmet-demand indicators. */
@Injectable()
export class SearchMissRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Committed without waiting for the write-ahead log to reach the disk: the search that found
   * nothing answers as soon as the row is in, and a crash can lose at most the last few
   * indicator rows (a slow disk made the flush the longest wait of such a search: 64 ms).
   */
  async record(
    miss: Pick<SearchMissEntity, 'municipalityId' | 'query' | 'filters' | 'areaId'>,
  ): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      await em.query(`SET LOCAL synchronous_commit = off`);
      await em.query(
        'INSERT INTO search_miss (municipality_id, query, filters, area_id) VALUES ($1, $2, $3, $4)',
        [miss.municipalityId, miss.query, JSON.stringify(miss.filters), miss.areaId],
      );
    });
  }
}

/**
 * What of a query may be kept: words that look like contact details or identifiers (an @, four
 * or more digits) are dropped, so a name typed with a phone number leaves no trace of the number.
 * Names themselves cannot be told from words; the log keeps no account of who searched.
 */
export function keepableQuery(query: string): string {
  return query
    .split(/\s+/)
    .filter((w) => w && !w.includes('@') && !/\d{4,}/.test(w.normalize('NFKC')))
    .join(' ')
    .slice(0, 200);
}
