import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Residents' offers to help (担い手) with a host organisation's needs: who and how to reach them
 * are encrypted columns, erased when the host answers; only the tenant reads or writes them.
 */
export class HelpOffers1796300000000 implements MigrationInterface {
  name = 'HelpOffers1796300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TYPE "public"."help_offer_status" AS ENUM('NEW', 'CONTACTED', 'ACCEPTED', 'DECLINED', 'EXPIRED')`,
    );
    await q.query(
      `CREATE TABLE "help_offer" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "municipality_id" uuid NOT NULL, "organization_id" uuid NOT NULL, "need_id" uuid NOT NULL, "status" "public"."help_offer_status" NOT NULL DEFAULT 'NEW', "name_encrypted" text, "contact_encrypted" text, "message_encrypted" text, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "help_offer_pkey" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "help_offer_need_idx" ON "help_offer"  ("need_id") `);
    await q.query(
      `CREATE INDEX "help_offer_organization_idx" ON "help_offer"  ("organization_id", "created_at") `,
    );
    await q.query(`ALTER TYPE "public"."notification_kind" ADD VALUE 'HELP_OFFER_RECEIVED'`);
    await q.query(
      `ALTER TABLE "help_offer" ADD CONSTRAINT "help_offer_municipality_fk" FOREIGN KEY ("municipality_id") REFERENCES "municipality"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "help_offer" ADD CONSTRAINT "help_offer_organization_fk" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "help_offer" ADD CONSTRAINT "help_offer_need_fk" FOREIGN KEY ("need_id") REFERENCES "host_need"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(`ALTER TABLE "help_offer" ENABLE ROW LEVEL SECURITY`);
    await q.query(`ALTER TABLE "help_offer" FORCE ROW LEVEL SECURITY`);
    await q.query(
      `CREATE POLICY help_offer_tenant ON "help_offer" USING (municipality_id = app_tenant()) WITH CHECK (municipality_id = app_tenant())`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "help_offer"`);
    await q.query(`DROP TYPE "public"."help_offer_status"`);
    // PostgreSQL cannot drop an enum value; notifications of this kind go with their table's rows.
    await q.query(`DELETE FROM notification WHERE kind = 'HELP_OFFER_RECEIVED'`);
  }
}
