import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The resource's kind in the built-in engine's index, under a B-tree, so that a search with a
 * kind filter narrows its candidates inside the index (a BitmapAnd with the words and the radius)
 * instead of reading every nearby match and dropping it at the join with resource. A word of one
 * kind searched with another kind's filter (居場所 with VOLUNTEER) read ~1,500 rows to find none.
 *
 * The existing rows are copied rather than updated: an UPDATE of every row leaves a dead copy of
 * each, and of its GIN entries, until a VACUUM, and searches would read both meanwhile. The copy
 * is put back with the text and spatial indexes built afresh, in about the same time.
 */
export class SearchKind1795472043484 implements MigrationInterface {
  name = 'SearchKind1795472043484';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "resource_search" ADD "kind" "public"."resource_kind"`);
    await q.query(
      `CREATE TEMPORARY TABLE "resource_search_copy" ON COMMIT DROP AS
       SELECT s."resource_id", s."document", s."name_folded", s."public_point", s."refreshed_at", r."kind"
         FROM "resource_search" s JOIN "resource" r ON r."id" = s."resource_id"`,
    );
    await q.query(`DROP INDEX "resource_search_document_gin"`);
    await q.query(`DROP INDEX "resource_search_public_point_gist"`);
    await q.query(`TRUNCATE "resource_search"`);
    await q.query(
      `INSERT INTO "resource_search" ("resource_id", "document", "name_folded", "public_point", "refreshed_at", "kind")
       SELECT "resource_id", "document", "name_folded", "public_point", "refreshed_at", "kind" FROM "resource_search_copy"`,
    );
    await q.query(`DROP TABLE "resource_search_copy"`);
    await q.query(`ALTER TABLE "resource_search" ALTER COLUMN "kind" SET NOT NULL`);
    await q.query(
      `CREATE INDEX "resource_search_document_gin" ON "resource_search" USING gin ("document") WITH (fastupdate = off)`,
    );
    await q.query(
      `CREATE INDEX "resource_search_public_point_gist" ON "resource_search" USING gist ("public_point")`,
    );
    await q.query(`CREATE INDEX "resource_search_kind_idx" ON "resource_search" ("kind")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "resource_search_kind_idx"`);
    await q.query(`ALTER TABLE "resource_search" DROP COLUMN "kind"`);
  }
}
