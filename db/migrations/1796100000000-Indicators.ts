import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indicators: matches that found no place (area, pace, days — never who), for unmet demand by
 * area × pace × weekday, beside the searches with no result (search_miss).
 */
export class Indicators1796100000000 implements MigrationInterface {
  name = 'Indicators1796100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "match_miss" ("id" BIGSERIAL NOT NULL, "municipality_id" uuid NOT NULL, "area_id" uuid, "pace_stage" text NOT NULL, "weekdays" smallint array NOT NULL DEFAULT '{}', "missed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "match_miss_pkey" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE INDEX "match_miss_municipality_idx" ON "match_miss"  ("municipality_id", "missed_at") `,
    );
    await q.query(
      `ALTER TABLE "match_miss" ADD CONSTRAINT "match_miss_municipality_fk" FOREIGN KEY ("municipality_id") REFERENCES "municipality"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "match_miss" ADD CONSTRAINT "match_miss_area_fk" FOREIGN KEY ("area_id") REFERENCES "area"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await q.query(`ALTER TABLE "match_miss" ENABLE ROW LEVEL SECURITY`);
    await q.query(`ALTER TABLE "match_miss" FORCE ROW LEVEL SECURITY`);
    await q.query(
      `CREATE POLICY match_miss_tenant ON "match_miss" USING (municipality_id = app_tenant()) WITH CHECK (municipality_id = app_tenant())`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "match_miss"`);
  }
}
