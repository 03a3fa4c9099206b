import { MigrationInterface, QueryRunner } from 'typeorm';

const TENANT_TABLES = ['referral', 'referral_event', 'idempotency_key'];

/**
 * Referrals (つなぎ) and their history, and idempotency keys for the requests that must not
 * happen twice. Every row belongs to one municipality and is read and written under its tenant
 * only (row-level security, as everywhere else).
 */
export class Referrals1795900000000 implements MigrationInterface {
  name = 'Referrals1795900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TYPE "public"."referral_status" AS ENUM('DRAFT', 'SENT', 'ACCEPTED', 'DECLINED', 'WAITLISTED', 'VISIT_SCHEDULED', 'PARTICIPATING', 'STEPPED_UP', 'PAUSED', 'ENDED', 'WITHDRAWN')`,
    );
    await q.query(
      `CREATE TYPE "public"."referral_decline_reason" AS ENUM('NO_CAPACITY', 'NOT_A_FIT', 'TIMING', 'CANNOT_ACCOMMODATE', 'OTHER')`,
    );
    await q.query(
      `CREATE TYPE "public"."referral_end_reason" AS ENUM('HAS_PEOPLE_AROUND', 'MOVED', 'CHOSE_TO_STOP', 'STARTED_WORK', 'OTHER')`,
    );
    await q.query(
      `CREATE TABLE "referral" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "municipality_id" uuid NOT NULL, "candidate_id" uuid NOT NULL, "resource_id" uuid NOT NULL, "organization_id" uuid NOT NULL, "team_id" uuid NOT NULL, "coordinator_id" uuid NOT NULL, "status" "public"."referral_status" NOT NULL DEFAULT 'DRAFT', "proposed_window" text, "disclosure_encrypted" text, "holds_seat" boolean NOT NULL DEFAULT false, "waitlisted_at" TIMESTAMP WITH TIME ZONE, "visit_at" TIMESTAMP WITH TIME ZONE, "decline_reason" "public"."referral_decline_reason", "end_reason" "public"."referral_end_reason", "next_referral_id" uuid, "sent_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "referral_waitlisted_at" CHECK (status <> 'WAITLISTED' OR waitlisted_at IS NOT NULL), CONSTRAINT "referral_ended_reason" CHECK (status <> 'ENDED' OR end_reason IS NOT NULL), CONSTRAINT "referral_declined_reason" CHECK (status <> 'DECLINED' OR decline_reason IS NOT NULL), CONSTRAINT "referral_seat_states" CHECK (NOT holds_seat OR status IN ('ACCEPTED', 'VISIT_SCHEDULED', 'PARTICIPATING', 'PAUSED')), CONSTRAINT "referral_pkey" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE INDEX "referral_municipality_status_idx" ON "referral"  ("municipality_id", "status")`,
    );
    await q.query(
      `CREATE INDEX "referral_organization_status_idx" ON "referral"  ("organization_id", "status")`,
    );
    await q.query(
      `CREATE INDEX "referral_resource_status_idx" ON "referral"  ("resource_id", "status", "waitlisted_at")`,
    );
    await q.query(
      `CREATE INDEX "referral_candidate_idx" ON "referral"  ("candidate_id", "created_at")`,
    );
    await q.query(
      `CREATE TABLE "referral_event" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "municipality_id" uuid NOT NULL, "referral_id" uuid NOT NULL, "from_status" "public"."referral_status", "to_status" "public"."referral_status" NOT NULL, "actor_id" uuid, "reason" text, "note_encrypted" text, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "referral_event_pkey" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE INDEX "referral_event_referral_idx" ON "referral_event"  ("referral_id", "at")`,
    );
    await q.query(
      `CREATE TABLE "idempotency_key" ("user_id" uuid NOT NULL, "operation" text NOT NULL, "key" text NOT NULL, "municipality_id" uuid NOT NULL, "request_hash" text NOT NULL, "result_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "idempotency_key_pkey" PRIMARY KEY ("user_id", "operation", "key"))`,
    );
    await q.query(
      `ALTER TABLE "referral" ADD CONSTRAINT "referral_municipality_fk" FOREIGN KEY ("municipality_id") REFERENCES "municipality"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "referral" ADD CONSTRAINT "referral_candidate_fk" FOREIGN KEY ("candidate_id") REFERENCES "candidate"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "referral" ADD CONSTRAINT "referral_resource_fk" FOREIGN KEY ("resource_id") REFERENCES "resource"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "referral" ADD CONSTRAINT "referral_organization_fk" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "referral" ADD CONSTRAINT "referral_team_fk" FOREIGN KEY ("team_id") REFERENCES "team"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "referral" ADD CONSTRAINT "referral_coordinator_fk" FOREIGN KEY ("coordinator_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "referral" ADD CONSTRAINT "referral_next_fk" FOREIGN KEY ("next_referral_id") REFERENCES "referral"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "referral_event" ADD CONSTRAINT "referral_event_municipality_fk" FOREIGN KEY ("municipality_id") REFERENCES "municipality"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "referral_event" ADD CONSTRAINT "referral_event_referral_fk" FOREIGN KEY ("referral_id") REFERENCES "referral"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "referral_event" ADD CONSTRAINT "referral_event_actor_fk" FOREIGN KEY ("actor_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "idempotency_key" ADD CONSTRAINT "idempotency_key_municipality_fk" FOREIGN KEY ("municipality_id") REFERENCES "municipality"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    // One open referral of a person to a listing (a double click must not take two seats).
    await q.query(
      `CREATE UNIQUE INDEX "referral_open_unique_idx" ON "referral"  ("candidate_id", "resource_id") WHERE status IN ('SENT', 'WAITLISTED', 'ACCEPTED', 'VISIT_SCHEDULED', 'PARTICIPATING', 'PAUSED')`,
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
    await q.query(`DROP TABLE "idempotency_key"`);
    await q.query(`DROP TABLE "referral_event"`);
    await q.query(`DROP TABLE "referral"`);
    await q.query(`DROP TYPE "public"."referral_end_reason"`);
    await q.query(`DROP TYPE "public"."referral_decline_reason"`);
    await q.query(`DROP TYPE "public"."referral_status"`);
  }
}
