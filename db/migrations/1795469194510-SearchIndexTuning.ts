import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The built-in engine's indexes, tuned for reads.
 *
 * GIN with `fastupdate` keeps new entries in an unsorted pending list until a VACUUM merges
 * them, and every search scans that list in full: with autovacuum slow or off, a typo lookup in
 * search_vocabulary read 437 pages (19 ms) to return one row. Catalogue writes are few, so the
 * entries go straight into the index instead, and what is pending now is merged.
 *
 * A search reads a few thousand index rows at most; started as a parallel query, the worker's
 * start-up and the Gather cost more than they save (a text + radius count took 51 ms with one
 * worker and 21 ms without), so resource_search is never scanned in parallel.
 */
export class SearchIndexTuning1795469194510 implements MigrationInterface {
  name = 'SearchIndexTuning1795469194510';

  async up(q: QueryRunner): Promise<void> {
    for (const index of ['resource_search_document_gin', 'search_vocabulary_grams_gin']) {
      await q.query(`ALTER INDEX "${index}" SET (fastupdate = off)`);
      await q.query(`SELECT gin_clean_pending_list('"${index}"'::regclass)`);
    }
    await q.query(`ALTER TABLE "resource_search" SET (parallel_workers = 0)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "resource_search" RESET (parallel_workers)`);
    for (const index of ['resource_search_document_gin', 'search_vocabulary_grams_gin'])
      await q.query(`ALTER INDEX "${index}" RESET (fastupdate)`);
  }
}
