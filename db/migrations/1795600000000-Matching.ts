import { MigrationInterface, QueryRunner } from 'typeorm';

/** Matching: each municipality's own score weights, readable and writable by its tenant only. */
export class Matching1795600000000 implements MigrationInterface {
  name = 'Matching1795600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "matching_settings" ("municipality_id" uuid NOT NULL, "weights" jsonb NOT NULL, "updated_by" uuid, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "matching_settings_pkey" PRIMARY KEY ("municipality_id"))`,
    );
    await q.query(
      `ALTER TABLE "matching_settings" ADD CONSTRAINT "matching_settings_municipality_fk" FOREIGN KEY ("municipality_id") REFERENCES "municipality"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(`ALTER TABLE "matching_settings" ENABLE ROW LEVEL SECURITY`);
    await q.query(`ALTER TABLE "matching_settings" FORCE ROW LEVEL SECURITY`);
    await q.query(
      `CREATE POLICY matching_settings_tenant ON "matching_settings" USING (municipality_id = app_tenant()) WITH CHECK (municipality_id = app_tenant())`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "matching_settings"`);
  }
}
