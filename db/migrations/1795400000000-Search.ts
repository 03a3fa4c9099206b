import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Search: the built-in engine's index (resource_search, a weighted tsvector of folded character
 * pairs under GIN), the vocabulary typo tolerance draws on, the outbox that carries changes to an
 * external engine (Meilisearch), and the log of searches that found nothing.
 */
export class Search1795400000000 implements MigrationInterface {
  name = 'Search1795400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "resource_search" ("resource_id" uuid NOT NULL, "document" tsvector NOT NULL, "name_folded" text COLLATE "C" NOT NULL, "public_point" geography(Point,4326), "refreshed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "resource_search_pkey" PRIMARY KEY ("resource_id"))`,
    );
    await q.query(
      `CREATE INDEX "resource_search_document_gin" ON "resource_search" USING gin ("document")`,
    );
    await q.query(
      `CREATE INDEX "resource_search_public_point_gist" ON "resource_search" USING gist ("public_point")`,
    );
    await q.query(
      `CREATE TABLE "search_vocabulary" ("word" text COLLATE "C" NOT NULL, "grams" text array NOT NULL, CONSTRAINT "search_vocabulary_pkey" PRIMARY KEY ("word"))`,
    );
    await q.query(
      `CREATE INDEX "search_vocabulary_grams_gin" ON "search_vocabulary" USING gin ("grams")`,
    );
    await q.query(`CREATE TYPE "public"."search_outbox_status" AS ENUM('PENDING', 'DONE', 'DEAD')`);
    await q.query(
      `CREATE TABLE "search_outbox" ("id" BIGSERIAL NOT NULL, "engine" text NOT NULL, "resource_id" uuid NOT NULL, "status" "public"."search_outbox_status" NOT NULL DEFAULT 'PENDING', "attempts" integer NOT NULL DEFAULT '0', "next_attempt_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "last_error" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "processed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "search_outbox_pkey" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE INDEX "search_outbox_due_idx" ON "search_outbox" ("next_attempt_at", "id") WHERE status = 'PENDING'`,
    );
    await q.query(
      `CREATE TABLE "search_miss" ("id" BIGSERIAL NOT NULL, "municipality_id" uuid NOT NULL, "query" text NOT NULL, "filters" jsonb NOT NULL DEFAULT '{}', "area_id" uuid, "searched_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "search_miss_pkey" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE INDEX "search_miss_municipality_idx" ON "search_miss" ("municipality_id", "searched_at")`,
    );
    await q.query(
      `ALTER TABLE "resource_search" ADD CONSTRAINT "resource_search_resource_fk" FOREIGN KEY ("resource_id") REFERENCES "resource"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "search_miss" ADD CONSTRAINT "search_miss_municipality_fk" FOREIGN KEY ("municipality_id") REFERENCES "municipality"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "search_miss" ADD CONSTRAINT "search_miss_area_fk" FOREIGN KEY ("area_id") REFERENCES "area"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "search_miss"`);
    await q.query(`DROP TABLE "search_outbox"`);
    await q.query(`DROP TYPE "public"."search_outbox_status"`);
    await q.query(`DROP TABLE "search_vocabulary"`);
    await q.query(`DROP TABLE "resource_search"`);
  }
}
