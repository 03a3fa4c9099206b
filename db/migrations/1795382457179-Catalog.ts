import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The resource catalogue: resources with their participation profile, schedules (rules, one-off
 * sessions, closures), Japanese holidays, the theme taxonomy and host organisations' needs.
 * The schedule rules live once, in SQL: schedule_occurs_on() and resource_occurrences().
 */
export class Catalog1795382457179 implements MigrationInterface {
  name = 'Catalog1795382457179';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TYPE "public"."resource_kind" AS ENUM('IBASHO', 'VOLUNTEER', 'WORK_PLACEMENT', 'PROGRAM')`,
    );
    await q.query(`CREATE TYPE "public"."resource_status" AS ENUM('ACTIVE', 'PAUSED', 'CLOSED')`);
    await q.query(
      `CREATE TYPE "public"."booking_requirement" AS ENUM('NONE', 'FIRST_VISIT', 'ALWAYS')`,
    );
    await q.query(
      `CREATE TYPE "public"."group_size" AS ENUM('ONE_ON_ONE', 'SMALL', 'MEDIUM', 'LARGE')`,
    );
    await q.query(`CREATE TYPE "public"."physical_demand" AS ENUM('LOW', 'MODERATE', 'HIGH')`);
    await q.query(
      `CREATE TYPE "public"."residency" AS ENUM('ANYONE', 'RESIDENTS_ONLY', 'RESIDENTS_OR_WORKERS')`,
    );
    await q.query(`CREATE TYPE "public"."visibility" AS ENUM('PUBLIC', 'PROFESSIONAL', 'PRIVATE')`);
    await q.query(
      `CREATE TABLE "resource" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "municipality_id" uuid NOT NULL, "organization_id" uuid NOT NULL, "kind" "public"."resource_kind" NOT NULL, "name" text COLLATE "C" NOT NULL, "description" text, "details" jsonb NOT NULL DEFAULT '{}', "contact_name" text, "contact_phone" text, "contact_email" text, "status" "public"."resource_status" NOT NULL DEFAULT 'ACTIVE', "status_note" text, "last_verified_at" TIMESTAMP WITH TIME ZONE, "verified_by" text, "location" geography(Point,4326), "address" text, "area_id" uuid, "confidential_location" boolean NOT NULL DEFAULT false, "online_only" boolean NOT NULL DEFAULT false, "capacity" integer, "seats_taken" integer NOT NULL DEFAULT '0', "has_waitlist" boolean NOT NULL DEFAULT false, "booking" "public"."booking_requirement" NOT NULL DEFAULT 'NONE', "typical_minutes" integer, "minimum_minutes" integer, "can_grow_gradually" boolean NOT NULL DEFAULT false, "may_just_be_there" boolean NOT NULL DEFAULT false, "talking_optional" boolean NOT NULL DEFAULT false, "observation_visit" boolean NOT NULL DEFAULT false, "supporter_may_accompany" boolean NOT NULL DEFAULT false, "group_size" "public"."group_size", "physical_demand" "public"."physical_demand", "online_participation" boolean NOT NULL DEFAULT false, "first_timer_friendly" boolean NOT NULL DEFAULT false, "min_age" integer, "max_age" integer, "residency" "public"."residency" NOT NULL DEFAULT 'ANYONE', "target_groups" text array NOT NULL DEFAULT '{}', "target_groups_sensitive" boolean NOT NULL DEFAULT false, "fee_yen" integer NOT NULL DEFAULT '0', "fee_note" text, "tags" text array NOT NULL DEFAULT '{}', "visibility" "public"."visibility" NOT NULL DEFAULT 'PUBLIC', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "resource_online_only_has_no_point" CHECK (NOT online_only OR location IS NULL), CONSTRAINT "resource_fee" CHECK (fee_yen >= 0), CONSTRAINT "resource_minutes" CHECK (minimum_minutes IS NULL OR typical_minutes IS NULL OR minimum_minutes <= typical_minutes), CONSTRAINT "resource_ages" CHECK (min_age IS NULL OR max_age IS NULL OR min_age <= max_age), CONSTRAINT "resource_seats_taken" CHECK (seats_taken >= 0), CONSTRAINT "resource_capacity" CHECK (capacity IS NULL OR (capacity >= 0 AND seats_taken <= capacity)), CONSTRAINT "resource_name_not_blank" CHECK (length(btrim(name)) > 0), CONSTRAINT "resource_pkey" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "resource_location_gist" ON "resource" USING gist ("location") `);
    await q.query(`CREATE INDEX "resource_area_idx" ON "resource"  ("area_id") `);
    await q.query(`CREATE INDEX "resource_organization_idx" ON "resource"  ("organization_id") `);
    await q.query(
      `CREATE INDEX "resource_municipality_filter_idx" ON "resource"  ("municipality_id", "kind", "status", "visibility") `,
    );
    await q.query(
      `CREATE INDEX "resource_municipality_name_idx" ON "resource"  ("municipality_id", "name", "id") `,
    );
    await q.query(
      `CREATE TYPE "public"."host_need_kind" AS ENUM('PEOPLE', 'THINGS', 'PLACE', 'MONEY')`,
    );
    await q.query(
      `CREATE TABLE "host_need" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "municipality_id" uuid NOT NULL, "organization_id" uuid NOT NULL, "resource_id" uuid, "kind" "public"."host_need_kind" NOT NULL, "description" text NOT NULL, "is_open" boolean NOT NULL DEFAULT true, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "host_need_description_not_blank" CHECK (length(btrim(description)) > 0), CONSTRAINT "host_need_pkey" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "host_need_resource_idx" ON "host_need"  ("resource_id") `);
    await q.query(`CREATE INDEX "host_need_organization_idx" ON "host_need"  ("organization_id") `);
    await q.query(`CREATE TYPE "public"."schedule_frequency" AS ENUM('WEEKLY', 'MONTHLY')`);
    await q.query(
      `CREATE TABLE "resource_schedule" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "resource_id" uuid NOT NULL, "freq" "public"."schedule_frequency" NOT NULL, "interval" smallint NOT NULL DEFAULT '1', "weekdays" smallint array NOT NULL, "nth" smallint array, "opens_at" TIME NOT NULL, "closes_at" TIME NOT NULL, "valid_from" date NOT NULL, "valid_to" date, "closed_on_holidays" boolean NOT NULL DEFAULT true, "note" text, CONSTRAINT "resource_schedule_nth" CHECK ((freq = 'WEEKLY' AND nth IS NULL) OR (freq = 'MONTHLY' AND cardinality(nth) > 0 AND nth <@ ARRAY[-1,1,2,3,4,5]::smallint[])), CONSTRAINT "resource_schedule_weekdays" CHECK (cardinality(weekdays) > 0 AND weekdays <@ ARRAY[1,2,3,4,5,6,7]::smallint[]), CONSTRAINT "resource_schedule_validity" CHECK (valid_to IS NULL OR valid_to >= valid_from), CONSTRAINT "resource_schedule_hours" CHECK (closes_at > opens_at), CONSTRAINT "resource_schedule_interval" CHECK ("interval" BETWEEN 1 AND 52), CONSTRAINT "resource_schedule_pkey" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE INDEX "resource_schedule_resource_idx" ON "resource_schedule"  ("resource_id") `,
    );
    await q.query(
      `CREATE TABLE "resource_session" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "resource_id" uuid NOT NULL, "date" date NOT NULL, "opens_at" TIME NOT NULL, "closes_at" TIME NOT NULL, "note" text, CONSTRAINT "resource_session_hours" CHECK (closes_at > opens_at), CONSTRAINT "resource_session_pkey" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE INDEX "resource_session_resource_date_idx" ON "resource_session"  ("resource_id", "date") `,
    );
    await q.query(
      `CREATE TABLE "resource_closure" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "resource_id" uuid NOT NULL, "starts_on" date NOT NULL, "ends_on" date NOT NULL, "reason" text, CONSTRAINT "resource_closure_range" CHECK (ends_on >= starts_on), CONSTRAINT "resource_closure_pkey" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE INDEX "resource_closure_resource_idx" ON "resource_closure"  ("resource_id", "starts_on") `,
    );
    await q.query(
      `CREATE TABLE "holiday" ("date" date NOT NULL, "name" text NOT NULL, CONSTRAINT "holiday_pkey" PRIMARY KEY ("date"))`,
    );
    await q.query(
      `CREATE TABLE "theme" ("code" text NOT NULL, "label" text NOT NULL, "sort_order" integer NOT NULL, CONSTRAINT "theme_pkey" PRIMARY KEY ("code"))`,
    );
    await q.query(
      `CREATE TABLE "resource_theme" ("resource_id" uuid NOT NULL, "theme_code" text NOT NULL, CONSTRAINT "resource_theme_pkey" PRIMARY KEY ("resource_id", "theme_code"))`,
    );
    await q.query(`CREATE INDEX "resource_theme_theme_idx" ON "resource_theme"  ("theme_code") `);
    await q.query(
      `ALTER TABLE "resource" ADD CONSTRAINT "resource_municipality_fk" FOREIGN KEY ("municipality_id") REFERENCES "municipality"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "resource" ADD CONSTRAINT "resource_organization_fk" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "resource" ADD CONSTRAINT "resource_area_fk" FOREIGN KEY ("area_id") REFERENCES "area"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "host_need" ADD CONSTRAINT "host_need_municipality_fk" FOREIGN KEY ("municipality_id") REFERENCES "municipality"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "host_need" ADD CONSTRAINT "host_need_organization_fk" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "host_need" ADD CONSTRAINT "host_need_resource_fk" FOREIGN KEY ("resource_id") REFERENCES "resource"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "resource_schedule" ADD CONSTRAINT "resource_schedule_resource_fk" FOREIGN KEY ("resource_id") REFERENCES "resource"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "resource_session" ADD CONSTRAINT "resource_session_resource_fk" FOREIGN KEY ("resource_id") REFERENCES "resource"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "resource_closure" ADD CONSTRAINT "resource_closure_resource_fk" FOREIGN KEY ("resource_id") REFERENCES "resource"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "resource_theme" ADD CONSTRAINT "resource_theme_resource_fk" FOREIGN KEY ("resource_id") REFERENCES "resource"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "resource_theme" ADD CONSTRAINT "resource_theme_theme_fk" FOREIGN KEY ("theme_code") REFERENCES "theme"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );

    // Where an area is drawn as a pin (and where confidential places are shown to the public).
    await q.query(`ALTER TABLE "area" ADD "label_point" geometry(Point,4326)`);
    await q.query(`
      CREATE FUNCTION area_set_label_point() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        NEW.label_point := ST_PointOnSurface(NEW.boundary);
        RETURN NEW;
      END
      $fn$`);
    await q.query(`
      CREATE TRIGGER area_label_point BEFORE INSERT OR UPDATE OF boundary ON "area"
      FOR EACH ROW EXECUTE FUNCTION area_set_label_point()`);
    await q.query(`UPDATE "area" SET "label_point" = ST_PointOnSurface("boundary")`);
    await q.query(`ALTER TABLE "area" ALTER COLUMN "label_point" SET NOT NULL`);

    await q.query(`
      INSERT INTO "theme" ("code", "label", "sort_order") VALUES
        ('FARMING', '農作業', 10),
        ('COOKING', '料理', 20),
        ('CLEANING', '清掃', 30),
        ('HANDICRAFT', '手仕事', 40),
        ('IT', 'IT・パソコン', 50),
        ('SMARTPHONE', 'スマホ', 60),
        ('PHOTOGRAPHY', '写真', 70),
        ('ANIMALS', '動物', 80),
        ('COFFEE', 'コーヒー', 90),
        ('SALES', '販売', 100),
        ('TUTORING', '学習支援', 110),
        ('CHILDREN', '子ども', 120),
        ('INTERGENERATIONAL', '多世代交流', 130),
        ('DISASTER_PREVENTION', '防災', 140),
        ('ENVIRONMENT', '環境', 150),
        ('ART', '芸術', 160),
        ('MUSIC', '音楽', 170),
        ('READING', '読書・朗読', 180),
        ('GARDENING', '園芸・花', 190),
        ('EXERCISE', '運動・散歩', 200),
        ('CONVERSATION', 'おしゃべり・交流', 210),
        ('LIGHT_WORK', '軽作業', 220),
        ('FOOD', '食事・食堂', 230),
        ('CONSULTATION', '相談', 240),
        ('PEER_SUPPORT', 'ピアサポート', 250),
        ('FAMILY', '家族', 260),
        ('MULTICULTURAL', '多文化', 270),
        ('ELDERLY', '高齢者', 280),
        ('FESTIVALS', '祭り・行事', 290),
        ('BEEKEEPING', '養蜂', 300)`);

    // Does a schedule rule produce an occurrence on this day (Japan time)? Weekly rules count
    // weeks from the Monday of valid_from; monthly rules count months from valid_from's month and
    // take the nth weekday (-1 = the last one). Holidays and closures cancel the day.
    await q.query(`
      CREATE FUNCTION schedule_occurs_on(s resource_schedule, d date) RETURNS boolean
      LANGUAGE sql STABLE AS $fn$
        SELECT d >= s.valid_from
           AND (s.valid_to IS NULL OR d <= s.valid_to)
           AND extract(isodow FROM d)::smallint = ANY (s.weekdays)
           AND CASE s.freq
                 WHEN 'WEEKLY' THEN
                   ((d - (s.valid_from - (extract(isodow FROM s.valid_from)::int - 1))) / 7) % s."interval" = 0
                 WHEN 'MONTHLY' THEN
                   ((extract(year FROM d)::int * 12 + extract(month FROM d)::int)
                     - (extract(year FROM s.valid_from)::int * 12 + extract(month FROM s.valid_from)::int)) % s."interval" = 0
                   AND (((extract(day FROM d)::int - 1) / 7 + 1)::smallint = ANY (s.nth)
                        OR ((-1)::smallint = ANY (s.nth) AND extract(month FROM d + 7) <> extract(month FROM d)))
               END
           AND NOT (s.closed_on_holidays AND EXISTS (SELECT 1 FROM holiday h WHERE h.date = d))
           AND NOT EXISTS (SELECT 1 FROM resource_closure c
                            WHERE c.resource_id = s.resource_id AND d BETWEEN c.starts_on AND c.ends_on)
      $fn$`);

    // Every occurrence overlapping [p_from, p_to) of the given resources (all when NULL):
    // recurring ones from the rules, and one-off sessions unless a closure cancels them.
    await q.query(`
      CREATE FUNCTION resource_occurrences(p_resource_ids uuid[], p_from timestamptz, p_to timestamptz)
      RETURNS TABLE (resource_id uuid, starts_at timestamptz, ends_at timestamptz, schedule_id uuid, session_id uuid)
      LANGUAGE sql STABLE AS $fn$
        SELECT s.resource_id,
               (g.day::date + s.opens_at) AT TIME ZONE 'Asia/Tokyo',
               (g.day::date + s.closes_at) AT TIME ZONE 'Asia/Tokyo',
               s.id, NULL::uuid
          FROM resource_schedule s
         CROSS JOIN LATERAL generate_series((p_from AT TIME ZONE 'Asia/Tokyo')::date,
                                            (p_to AT TIME ZONE 'Asia/Tokyo')::date, interval '1 day') AS g(day)
         WHERE (p_resource_ids IS NULL OR s.resource_id = ANY (p_resource_ids))
           AND (g.day::date + s.opens_at) AT TIME ZONE 'Asia/Tokyo' < p_to
           AND (g.day::date + s.closes_at) AT TIME ZONE 'Asia/Tokyo' > p_from
           AND schedule_occurs_on(s, g.day::date)
        UNION ALL
        SELECT o.resource_id,
               (o.date + o.opens_at) AT TIME ZONE 'Asia/Tokyo',
               (o.date + o.closes_at) AT TIME ZONE 'Asia/Tokyo',
               NULL::uuid, o.id
          FROM resource_session o
         WHERE (p_resource_ids IS NULL OR o.resource_id = ANY (p_resource_ids))
           AND (o.date + o.opens_at) AT TIME ZONE 'Asia/Tokyo' < p_to
           AND (o.date + o.closes_at) AT TIME ZONE 'Asia/Tokyo' > p_from
           AND NOT EXISTS (SELECT 1 FROM resource_closure c
                            WHERE c.resource_id = o.resource_id AND o.date BETWEEN c.starts_on AND c.ends_on)
      $fn$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION resource_occurrences(uuid[], timestamptz, timestamptz)`);
    await q.query(`DROP FUNCTION schedule_occurs_on(resource_schedule, date)`);
    await q.query(`DROP TRIGGER area_label_point ON "area"`);
    await q.query(`DROP FUNCTION area_set_label_point()`);
    await q.query(`ALTER TABLE "area" DROP COLUMN "label_point"`);
    for (const table of [
      'resource_theme',
      'theme',
      'holiday',
      'resource_closure',
      'resource_session',
      'resource_schedule',
      'host_need',
      'resource',
    ]) {
      await q.query(`DROP TABLE "${table}"`);
    }
    for (const type of [
      'schedule_frequency',
      'host_need_kind',
      'visibility',
      'residency',
      'physical_demand',
      'group_size',
      'booking_requirement',
      'resource_status',
      'resource_kind',
    ]) {
      await q.query(`DROP TYPE "public"."${type}"`);
    }
  }
}
