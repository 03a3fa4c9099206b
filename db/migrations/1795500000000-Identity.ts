import { MigrationInterface, QueryRunner } from 'typeorm';

/** Catalogue tables: anyone may read (resources only when public), only the tenant may write. */
const CATALOGUE_TABLES = ['area', 'organization', 'host_need'];
/** Private tables: every row belongs to one municipality and only its tenant sees or writes it. */
const PRIVATE_TABLES = [
  'team',
  'app_user',
  'user_organization',
  'auth_session',
  'candidate',
  'consent',
];
/** Reference data the application reads and never writes (the system syncs it). */
const READ_ONLY_TABLES = ['schema_migrations', 'holiday', 'theme', 'spatial_ref_sys'];

/**
 * Identity, tenancy and privacy: users, teams and sessions; candidates and their consent; the
 * append-only, hash-chained audit log; and row-level security on every table with a municipality
 * column, binding the role the application's requests run as (tsunagu_app, which owns nothing).
 * The tenant comes from `SET LOCAL app.tenant_id` in each request transaction; without it the
 * private tables answer no rows.
 */
export class Identity1795500000000 implements MigrationInterface {
  name = 'Identity1795500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TYPE "public"."audit_action" AS ENUM('READ', 'LIST', 'CREATE', 'UPDATE', 'ARCHIVE', 'SHARE', 'WITHDRAW')`,
    );
    await q.query(
      `CREATE TABLE "audit_log" ("id" BIGSERIAL NOT NULL, "municipality_id" uuid NOT NULL, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT clock_timestamp(), "actor_user_id" uuid, "actor_role" text, "action" "public"."audit_action" NOT NULL, "entity_type" text NOT NULL, "entity_id" uuid, "subject_id" uuid, "purpose" text NOT NULL, "request_id" text, "prev_hash" text, "hash" text NOT NULL, CONSTRAINT "audit_log_pkey" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE INDEX "audit_log_time_idx" ON "audit_log"  ("municipality_id", "occurred_at")`,
    );
    await q.query(
      `CREATE INDEX "audit_log_actor_idx" ON "audit_log"  ("municipality_id", "actor_user_id", "occurred_at")`,
    );
    await q.query(
      `CREATE INDEX "audit_log_subject_idx" ON "audit_log"  ("municipality_id", "subject_id", "occurred_at")`,
    );
    await q.query(
      `CREATE TABLE "team" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "municipality_id" uuid NOT NULL, "name" text COLLATE "C" NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "team_name_not_blank" CHECK (length(btrim(name)) > 0), CONSTRAINT "team_pkey" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE UNIQUE INDEX "team_municipality_name_key" ON "team"  ("municipality_id", "name")`,
    );
    await q.query(`CREATE TYPE "public"."user_role" AS ENUM('ADMIN', 'COORDINATOR', 'HOST')`);
    await q.query(`CREATE TYPE "public"."user_status" AS ENUM('ACTIVE', 'DISABLED')`);
    await q.query(
      `CREATE TABLE "app_user" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "municipality_id" uuid NOT NULL, "role" "public"."user_role" NOT NULL, "email_hash" text NOT NULL, "email_encrypted" text NOT NULL, "display_name_encrypted" text NOT NULL, "password_hash" text NOT NULL, "team_id" uuid, "area_ids" uuid array NOT NULL DEFAULT '{}', "status" "public"."user_status" NOT NULL DEFAULT 'ACTIVE', "failed_logins" integer NOT NULL DEFAULT '0', "locked_until" TIMESTAMP WITH TIME ZONE, "must_change_password" boolean NOT NULL DEFAULT false, "password_changed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "last_login_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "app_user_failed_logins" CHECK (failed_logins >= 0), CONSTRAINT "app_user_pkey" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE INDEX "app_user_municipality_idx" ON "app_user"  ("municipality_id", "role")`,
    );
    await q.query(`CREATE UNIQUE INDEX "app_user_email_hash_key" ON "app_user"  ("email_hash")`);
    await q.query(
      `CREATE TABLE "user_organization" ("user_id" uuid NOT NULL, "organization_id" uuid NOT NULL, "municipality_id" uuid NOT NULL, CONSTRAINT "user_organization_pkey" PRIMARY KEY ("user_id", "organization_id"))`,
    );
    await q.query(
      `CREATE INDEX "user_organization_organization_idx" ON "user_organization"  ("organization_id")`,
    );
    await q.query(
      `CREATE TABLE "auth_session" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "municipality_id" uuid NOT NULL, "refresh_hash" text NOT NULL, "refresh_generation" integer NOT NULL DEFAULT '0', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "refreshed_at" TIMESTAMP WITH TIME ZONE, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "revoked_at" TIMESTAMP WITH TIME ZONE, "revoked_reason" text, CONSTRAINT "auth_session_pkey" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "auth_session_user_idx" ON "auth_session"  ("user_id")`);
    await q.query(`CREATE TYPE "public"."candidate_status" AS ENUM('ACTIVE', 'ARCHIVED')`);
    await q.query(
      `CREATE TABLE "candidate" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "municipality_id" uuid NOT NULL, "team_id" uuid NOT NULL, "coordinator_id" uuid, "alias" text COLLATE "C" NOT NULL, "real_name_encrypted" text, "contact_encrypted" text, "notes_encrypted" text, "profile_encrypted" text, "area_id" uuid, "status" "public"."candidate_status" NOT NULL DEFAULT 'ACTIVE', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "candidate_alias_not_blank" CHECK (length(btrim(alias)) > 0), CONSTRAINT "candidate_pkey" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE INDEX "candidate_team_idx" ON "candidate"  ("municipality_id", "team_id", "status")`,
    );
    await q.query(`CREATE TYPE "public"."consent_method" AS ENUM('ORAL', 'WRITTEN', 'ELECTRONIC')`);
    await q.query(
      `CREATE TABLE "consent" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "municipality_id" uuid NOT NULL, "candidate_id" uuid NOT NULL, "scopes" text array NOT NULL, "method" "public"."consent_method" NOT NULL, "given_at" TIMESTAMP WITH TIME ZONE NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE, "recorded_by" uuid NOT NULL, "note_encrypted" text, "withdrawn_at" TIMESTAMP WITH TIME ZONE, "withdrawn_by" uuid, "withdrawal_note_encrypted" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "consent_expiry_after_given" CHECK (expires_at IS NULL OR expires_at > given_at), CONSTRAINT "consent_scopes_not_empty" CHECK (cardinality(scopes) > 0), CONSTRAINT "consent_pkey" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE INDEX "consent_candidate_idx" ON "consent"  ("candidate_id", "given_at")`,
    );
    await q.query(
      `ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_municipality_fk" FOREIGN KEY ("municipality_id") REFERENCES "municipality"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "team" ADD CONSTRAINT "team_municipality_fk" FOREIGN KEY ("municipality_id") REFERENCES "municipality"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "app_user" ADD CONSTRAINT "app_user_municipality_fk" FOREIGN KEY ("municipality_id") REFERENCES "municipality"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "app_user" ADD CONSTRAINT "app_user_team_fk" FOREIGN KEY ("team_id") REFERENCES "team"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "user_organization" ADD CONSTRAINT "user_organization_user_fk" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "user_organization" ADD CONSTRAINT "user_organization_organization_fk" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "user_organization" ADD CONSTRAINT "user_organization_municipality_fk" FOREIGN KEY ("municipality_id") REFERENCES "municipality"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "auth_session" ADD CONSTRAINT "auth_session_user_fk" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "auth_session" ADD CONSTRAINT "auth_session_municipality_fk" FOREIGN KEY ("municipality_id") REFERENCES "municipality"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "candidate" ADD CONSTRAINT "candidate_municipality_fk" FOREIGN KEY ("municipality_id") REFERENCES "municipality"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "candidate" ADD CONSTRAINT "candidate_team_fk" FOREIGN KEY ("team_id") REFERENCES "team"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "candidate" ADD CONSTRAINT "candidate_coordinator_fk" FOREIGN KEY ("coordinator_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "candidate" ADD CONSTRAINT "candidate_area_fk" FOREIGN KEY ("area_id") REFERENCES "area"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "consent" ADD CONSTRAINT "consent_municipality_fk" FOREIGN KEY ("municipality_id") REFERENCES "municipality"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "consent" ADD CONSTRAINT "consent_candidate_fk" FOREIGN KEY ("candidate_id") REFERENCES "candidate"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "consent" ADD CONSTRAINT "consent_recorded_by_fk" FOREIGN KEY ("recorded_by") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "consent" ADD CONSTRAINT "consent_withdrawn_by_fk" FOREIGN KEY ("withdrawn_by") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );

    // The application role: no login, no ownership, no way around row-level security.
    await q.query(`DO $$ BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'tsunagu_app') THEN
        CREATE ROLE tsunagu_app NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
      END IF;
    END $$`);
    await q.query(`GRANT USAGE ON SCHEMA public TO tsunagu_app`);
    await q.query(
      `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO tsunagu_app`,
    );
    await q.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO tsunagu_app`);
    await q.query(
      `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO tsunagu_app`,
    );
    await q.query(
      `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO tsunagu_app`,
    );
    for (const table of READ_ONLY_TABLES) {
      await q.query(`REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON "${table}" FROM tsunagu_app`);
    }
    await q.query(`REVOKE UPDATE, DELETE, TRUNCATE ON "audit_log" FROM tsunagu_app`);

    // The tenant of the current transaction; NULL when none was set (fails closed).
    await q.query(`CREATE FUNCTION app_tenant() RETURNS uuid LANGUAGE sql STABLE
      AS $$ SELECT NULLIF(current_setting('app.tenant_id', true), '')::uuid $$`);

    const secure = async (table: string) => {
      await q.query(`ALTER TABLE "${table}" ENABLE ROW LEVEL SECURITY`);
      await q.query(`ALTER TABLE "${table}" FORCE ROW LEVEL SECURITY`);
    };
    await secure('municipality');
    await q.query(`CREATE POLICY municipality_read ON municipality FOR SELECT USING (true)`);
    await q.query(
      `CREATE POLICY municipality_update ON municipality FOR UPDATE USING (id = app_tenant()) WITH CHECK (id = app_tenant())`,
    );
    const tenantWrites = async (table: string) => {
      await q.query(
        `CREATE POLICY ${table}_insert ON "${table}" FOR INSERT WITH CHECK (municipality_id = app_tenant())`,
      );
      await q.query(
        `CREATE POLICY ${table}_update ON "${table}" FOR UPDATE USING (municipality_id = app_tenant()) WITH CHECK (municipality_id = app_tenant())`,
      );
      await q.query(
        `CREATE POLICY ${table}_delete ON "${table}" FOR DELETE USING (municipality_id = app_tenant())`,
      );
    };
    for (const table of CATALOGUE_TABLES) {
      await secure(table);
      await q.query(`CREATE POLICY ${table}_read ON "${table}" FOR SELECT USING (true)`);
      await tenantWrites(table);
    }
    await secure('resource');
    await q.query(
      `CREATE POLICY resource_read ON resource FOR SELECT USING (visibility = 'PUBLIC' OR municipality_id = app_tenant())`,
    );
    await tenantWrites('resource');
    // Anyone's fruitless search is recorded (no personal data); only the tenant reads them.
    await secure('search_miss');
    await q.query(`CREATE POLICY search_miss_insert ON search_miss FOR INSERT WITH CHECK (true)`);
    await q.query(
      `CREATE POLICY search_miss_read ON search_miss FOR SELECT USING (municipality_id = app_tenant())`,
    );
    for (const table of PRIVATE_TABLES) {
      await secure(table);
      await q.query(
        `CREATE POLICY ${table}_tenant ON "${table}" USING (municipality_id = app_tenant()) WITH CHECK (municipality_id = app_tenant())`,
      );
    }
    await secure('audit_log');
    await q.query(
      `CREATE POLICY audit_log_read ON audit_log FOR SELECT USING (municipality_id = app_tenant())`,
    );
    await q.query(
      `CREATE POLICY audit_log_insert ON audit_log FOR INSERT WITH CHECK (municipality_id = app_tenant())`,
    );

    // Sign-in finds a user by the keyed hash of an e-mail address before any tenant is known:
    // this function answers only the user's id and municipality, nothing else.
    await q.query(`CREATE FUNCTION auth_identify(p_email_hash text)
      RETURNS TABLE (user_id uuid, municipality_id uuid)
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
      AS $$ SELECT id, municipality_id FROM app_user WHERE email_hash = p_email_hash $$`);
    await q.query(`REVOKE ALL ON FUNCTION auth_identify(text) FROM PUBLIC`);
    await q.query(`GRANT EXECUTE ON FUNCTION auth_identify(text) TO tsunagu_app`);

    // The audit chain: each entry's hash covers its content and the previous entry's hash in the
    // same municipality. The trigger serialises appends per municipality, numbers the entry after
    // taking the lock (so ids follow the chain) and stamps the time; callers cannot set either.
    await q.query(`CREATE FUNCTION audit_entry_hash(e audit_log) RETURNS text LANGUAGE sql STABLE
      AS $$ SELECT encode(sha256(convert_to(jsonb_build_array(
        e.id, e.municipality_id, to_char(e.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
        e.actor_user_id, e.actor_role, e.action, e.entity_type, e.entity_id, e.subject_id, e.purpose,
        e.request_id, e.prev_hash)::text, 'UTF8')), 'hex') $$`);
    await q.query(`CREATE FUNCTION audit_log_chain() RETURNS trigger LANGUAGE plpgsql
      SECURITY DEFINER SET search_path = public, pg_temp AS $$
      BEGIN
        PERFORM pg_advisory_xact_lock(hashtextextended('audit_log:' || NEW.municipality_id::text, 0));
        NEW.id := nextval(pg_get_serial_sequence('audit_log', 'id'));
        NEW.occurred_at := clock_timestamp();
        NEW.prev_hash := (SELECT a.hash FROM audit_log a WHERE a.municipality_id = NEW.municipality_id
                           ORDER BY a.id DESC LIMIT 1);
        NEW.hash := audit_entry_hash(NEW);
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER audit_log_chain BEFORE INSERT ON audit_log
      FOR EACH ROW EXECUTE FUNCTION audit_log_chain()`);
    await q.query(`CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'insufficient_privilege'; END $$`);
    await q.query(`CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
      FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()`);
    await q.query(`CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
      FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER audit_log_no_truncate ON audit_log`);
    await q.query(`DROP TRIGGER audit_log_append_only ON audit_log`);
    await q.query(`DROP TRIGGER audit_log_chain ON audit_log`);
    await q.query(`DROP FUNCTION audit_log_append_only()`);
    await q.query(`DROP FUNCTION audit_log_chain()`);
    await q.query(`DROP FUNCTION audit_entry_hash(audit_log)`);
    await q.query(`DROP FUNCTION auth_identify(text)`);
    for (const table of ['municipality', 'resource', 'search_miss', ...CATALOGUE_TABLES]) {
      const policies = (await q.query(
        `SELECT policyname FROM pg_policies WHERE schemaname = 'public' AND tablename = $1`,
        [table],
      )) as { policyname: string }[];
      for (const p of policies) await q.query(`DROP POLICY "${p.policyname}" ON "${table}"`);
      await q.query(`ALTER TABLE "${table}" NO FORCE ROW LEVEL SECURITY`);
      await q.query(`ALTER TABLE "${table}" DISABLE ROW LEVEL SECURITY`);
    }
    await q.query(`ALTER TABLE "consent" DROP CONSTRAINT "consent_withdrawn_by_fk"`);
    await q.query(`ALTER TABLE "consent" DROP CONSTRAINT "consent_recorded_by_fk"`);
    await q.query(`ALTER TABLE "consent" DROP CONSTRAINT "consent_candidate_fk"`);
    await q.query(`ALTER TABLE "consent" DROP CONSTRAINT "consent_municipality_fk"`);
    await q.query(`ALTER TABLE "candidate" DROP CONSTRAINT "candidate_area_fk"`);
    await q.query(`ALTER TABLE "candidate" DROP CONSTRAINT "candidate_coordinator_fk"`);
    await q.query(`ALTER TABLE "candidate" DROP CONSTRAINT "candidate_team_fk"`);
    await q.query(`ALTER TABLE "candidate" DROP CONSTRAINT "candidate_municipality_fk"`);
    await q.query(`ALTER TABLE "auth_session" DROP CONSTRAINT "auth_session_municipality_fk"`);
    await q.query(`ALTER TABLE "auth_session" DROP CONSTRAINT "auth_session_user_fk"`);
    await q.query(
      `ALTER TABLE "user_organization" DROP CONSTRAINT "user_organization_municipality_fk"`,
    );
    await q.query(
      `ALTER TABLE "user_organization" DROP CONSTRAINT "user_organization_organization_fk"`,
    );
    await q.query(`ALTER TABLE "user_organization" DROP CONSTRAINT "user_organization_user_fk"`);
    await q.query(`ALTER TABLE "app_user" DROP CONSTRAINT "app_user_team_fk"`);
    await q.query(`ALTER TABLE "app_user" DROP CONSTRAINT "app_user_municipality_fk"`);
    await q.query(`ALTER TABLE "team" DROP CONSTRAINT "team_municipality_fk"`);
    await q.query(`ALTER TABLE "audit_log" DROP CONSTRAINT "audit_log_municipality_fk"`);
    await q.query(`DROP INDEX "public"."consent_candidate_idx"`);
    await q.query(`DROP TABLE "consent"`);
    await q.query(`DROP TYPE "public"."consent_method"`);
    await q.query(`DROP INDEX "public"."candidate_team_idx"`);
    await q.query(`DROP TABLE "candidate"`);
    await q.query(`DROP TYPE "public"."candidate_status"`);
    await q.query(`DROP INDEX "public"."auth_session_user_idx"`);
    await q.query(`DROP TABLE "auth_session"`);
    await q.query(`DROP INDEX "public"."user_organization_organization_idx"`);
    await q.query(`DROP TABLE "user_organization"`);
    await q.query(`DROP INDEX "public"."app_user_email_hash_key"`);
    await q.query(`DROP INDEX "public"."app_user_municipality_idx"`);
    await q.query(`DROP TABLE "app_user"`);
    await q.query(`DROP TYPE "public"."user_status"`);
    await q.query(`DROP TYPE "public"."user_role"`);
    await q.query(`DROP INDEX "public"."team_municipality_name_key"`);
    await q.query(`DROP TABLE "team"`);
    await q.query(`DROP INDEX "public"."audit_log_subject_idx"`);
    await q.query(`DROP INDEX "public"."audit_log_actor_idx"`);
    await q.query(`DROP INDEX "public"."audit_log_time_idx"`);
    await q.query(`DROP TABLE "audit_log"`);
    await q.query(`DROP TYPE "public"."audit_action"`);
    await q.query(`DROP FUNCTION app_tenant()`);
    await q.query(
      `ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE SELECT, INSERT, UPDATE, DELETE ON TABLES FROM tsunagu_app`,
    );
    await q.query(
      `ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE USAGE, SELECT ON SEQUENCES FROM tsunagu_app`,
    );
    await q.query(`REVOKE ALL ON ALL TABLES IN SCHEMA public FROM tsunagu_app`);
    await q.query(`REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM tsunagu_app`);
    await q.query(`REVOKE USAGE ON SCHEMA public FROM tsunagu_app`);
    // The role is shared by every database of the server: it goes only when nothing else uses it.
    await q.query(`DO $$ BEGIN DROP ROLE tsunagu_app;
      EXCEPTION WHEN dependent_objects_still_exist THEN NULL; END $$`);
  }
}
