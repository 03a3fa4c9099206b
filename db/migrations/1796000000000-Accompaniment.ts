import { MigrationInterface, QueryRunner } from 'typeorm';

const TENANT_TABLES = ['participation_entry', 'follow_up', 'notification'];

/**
 * Accompaniment (伴走): the participation log of a referral, follow-ups, and notifications (the
 * in-app inbox and its e-mail outbox). Tenant rows under row-level security, as everywhere else.
 */
export class Accompaniment1796000000000 implements MigrationInterface {
  name = 'Accompaniment1796000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TYPE "public"."notification_kind" AS ENUM('REFERRAL_RECEIVED', 'REFERRAL_ANSWERED', 'WAITLIST_PROMOTED', 'FOLLOW_UP_OVERDUE')`,
    );
    await q.query(
      `CREATE TYPE "public"."notification_email_status" AS ENUM('NONE', 'PENDING', 'SENDING', 'SENT', 'FAILED')`,
    );
    await q.query(
      `CREATE TABLE "notification" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "municipality_id" uuid NOT NULL, "user_id" uuid NOT NULL, "kind" "public"."notification_kind" NOT NULL, "subject_id" uuid, "title" text NOT NULL, "body" text NOT NULL, "mail_subject" text NOT NULL, "link" text NOT NULL, "read_at" TIMESTAMP WITH TIME ZONE, "email_status" "public"."notification_email_status" NOT NULL DEFAULT 'NONE', "email_attempts" integer NOT NULL DEFAULT '0', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "notification_pkey" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE INDEX "notification_email_idx" ON "notification"  ("email_status", "created_at")`,
    );
    await q.query(
      `CREATE INDEX "notification_user_idx" ON "notification"  ("user_id", "created_at")`,
    );
    await q.query(
      `CREATE TYPE "public"."participation_kind" AS ENUM('VISIT', 'STEP_UP', 'SELF_ASSESSMENT')`,
    );
    await q.query(
      `CREATE TABLE "participation_entry" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "municipality_id" uuid NOT NULL, "referral_id" uuid NOT NULL, "kind" "public"."participation_kind" NOT NULL, "on_date" date NOT NULL, "minutes" integer, "supporter_came" boolean, "from_minutes" integer, "to_minutes" integer, "feeling" smallint, "note_encrypted" text, "recorded_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "participation_entry_feeling" CHECK (feeling IS NULL OR feeling BETWEEN 1 AND 5), CONSTRAINT "participation_entry_shape" CHECK ((kind = 'VISIT' AND minutes BETWEEN 1 AND 1440) OR (kind = 'STEP_UP' AND from_minutes > 0 AND to_minutes > from_minutes AND to_minutes <= 1440) OR (kind = 'SELF_ASSESSMENT' AND (feeling IS NOT NULL OR note_encrypted IS NOT NULL))), CONSTRAINT "participation_entry_pkey" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE INDEX "participation_entry_referral_idx" ON "participation_entry"  ("referral_id", "on_date")`,
    );
    await q.query(`CREATE TYPE "public"."follow_up_kind" AS ENUM('CHECK_IN', 'HOST_SUPPORT')`);
    await q.query(
      `CREATE TABLE "follow_up" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "municipality_id" uuid NOT NULL, "referral_id" uuid NOT NULL, "team_id" uuid NOT NULL, "kind" "public"."follow_up_kind" NOT NULL, "due_on" date NOT NULL, "anchor_on" date, "sequence" integer, "done_at" TIMESTAMP WITH TIME ZONE, "done_by" uuid, "note_encrypted" text, "overdue_notified_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "follow_up_pkey" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "follow_up_referral_idx" ON "follow_up"  ("referral_id")`);
    await q.query(
      `CREATE INDEX "follow_up_team_due_idx" ON "follow_up"  ("team_id", "done_at", "due_on")`,
    );
    await q.query(
      `ALTER TABLE "notification" ADD CONSTRAINT "notification_municipality_fk" FOREIGN KEY ("municipality_id") REFERENCES "municipality"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "notification" ADD CONSTRAINT "notification_user_fk" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "participation_entry" ADD CONSTRAINT "participation_entry_municipality_fk" FOREIGN KEY ("municipality_id") REFERENCES "municipality"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "participation_entry" ADD CONSTRAINT "participation_entry_referral_fk" FOREIGN KEY ("referral_id") REFERENCES "referral"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "participation_entry" ADD CONSTRAINT "participation_entry_recorded_by_fk" FOREIGN KEY ("recorded_by") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "follow_up" ADD CONSTRAINT "follow_up_municipality_fk" FOREIGN KEY ("municipality_id") REFERENCES "municipality"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "follow_up" ADD CONSTRAINT "follow_up_referral_fk" FOREIGN KEY ("referral_id") REFERENCES "referral"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "follow_up" ADD CONSTRAINT "follow_up_team_fk" FOREIGN KEY ("team_id") REFERENCES "team"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "follow_up" ADD CONSTRAINT "follow_up_done_by_fk" FOREIGN KEY ("done_by") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    // One automatic check-in of each rank per referral (two "first visits" at once schedule one).
    await q.query(
      `CREATE UNIQUE INDEX "follow_up_automatic_unique_idx" ON "follow_up"  ("referral_id", "sequence") WHERE anchor_on IS NOT NULL`,
    );
    for (const table of TENANT_TABLES) {
      await q.query(`ALTER TABLE "${table}" ENABLE ROW LEVEL SECURITY`);
      await q.query(`ALTER TABLE "${table}" FORCE ROW LEVEL SECURITY`);
      await q.query(
        `CREATE POLICY ${table}_tenant ON "${table}" USING (municipality_id = app_tenant()) WITH CHECK (municipality_id = app_tenant())`,
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "notification"`);
    await q.query(`DROP TABLE "follow_up"`);
    await q.query(`DROP TABLE "participation_entry"`);
    await q.query(`DROP TYPE "public"."notification_email_status"`);
    await q.query(`DROP TYPE "public"."notification_kind"`);
    await q.query(`DROP TYPE "public"."follow_up_kind"`);
    await q.query(`DROP TYPE "public"."participation_kind"`);
  }
}
