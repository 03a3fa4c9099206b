import { MigrationInterface, QueryRunner } from 'typeorm';

const BODY = (ids: (column: string) => string, weekdayFilter: boolean) => `
        SELECT s.resource_id,
               (g.day::date + s.opens_at) AT TIME ZONE 'Asia/Tokyo',
               (g.day::date + s.closes_at) AT TIME ZONE 'Asia/Tokyo',
               s.id, NULL::uuid
          FROM resource_schedule s
         CROSS JOIN LATERAL generate_series((p_from AT TIME ZONE 'Asia/Tokyo')::date,
                                            (p_to AT TIME ZONE 'Asia/Tokyo')::date, interval '1 day') AS g(day)
         WHERE ${ids('s.resource_id')}${
           weekdayFilter
             ? `
           AND extract(isodow FROM g.day)::smallint = ANY (s.weekdays)
           AND (p_weekdays IS NULL OR extract(isodow FROM g.day)::smallint = ANY (p_weekdays))`
             : ''
         }
           AND (g.day::date + s.opens_at) AT TIME ZONE 'Asia/Tokyo' < p_to
           AND (g.day::date + s.closes_at) AT TIME ZONE 'Asia/Tokyo' > p_from
           AND schedule_occurs_on(s, g.day::date)
        UNION ALL
        SELECT o.resource_id,
               (o.date + o.opens_at) AT TIME ZONE 'Asia/Tokyo',
               (o.date + o.closes_at) AT TIME ZONE 'Asia/Tokyo',
               NULL::uuid, o.id
          FROM resource_session o
         WHERE ${ids('o.resource_id')}${
           weekdayFilter
             ? `
           AND (p_weekdays IS NULL OR extract(isodow FROM o.date)::smallint = ANY (p_weekdays))`
             : ''
         }
           AND (o.date + o.opens_at) AT TIME ZONE 'Asia/Tokyo' < p_to
           AND (o.date + o.closes_at) AT TIME ZONE 'Asia/Tokyo' > p_from
           AND NOT EXISTS (SELECT 1 FROM resource_closure c
                            WHERE c.resource_id = o.resource_id AND o.date BETWEEN c.starts_on AND c.ends_on)`;

/** What a listing offers or needs, in words, folded (NFKC, lower case) for matching strengths. */
const NEEDS_FOLDED = `
  CREATE FUNCTION resource_needs_folded(p_id uuid, p_organization_id uuid, p_tags text[],
                                        p_details jsonb, p_description text)
  RETURNS text LANGUAGE sql STABLE AS $fn$
    SELECT lower(normalize(concat_ws(' ', array_to_string(p_tags, ' '), p_details->>'tasks', p_description,
             (SELECT string_agg(h.description, ' ' ORDER BY h.created_at, h.id) FROM host_need h
               WHERE h.organization_id = p_organization_id AND h.is_open
                 AND (h.resource_id IS NULL OR h.resource_id = p_id))), NFKC))
  $fn$`;

/**
 * Matching at scale (100,000 listings, thousands within a person's reach):
 *
 * - resource_occurrences() takes an optional fourth argument, the ISO weekdays wanted (a
 *   person's available days), so that only those days are expanded; days a schedule cannot fall
 *   on are skipped before schedule_occurs_on() is called (a call per schedule and day was most of
 *   the time: 7,000 listings over 28 days, 2.3 s → 0.7 s; one weekday, 86 ms); given ids are
 *   joined (IN over unnest) rather than searched (= ANY over an array of thousands), in a branch
 *   of their own so that the plan kept for the function uses the index (10 listings: 30 ms →
 *   3 ms). Calls with three arguments are unchanged; the rules still live once, in
 *   schedule_occurs_on().
 * - Three columns of resource, kept by triggers in the same transaction as the change, let the
 *   matching screen read one row per listing and join nothing:
 *   - theme_codes: its themes;
 *   - week_minutes: every minute of the week an occurrence can fall on (schedule rules and
 *     one-off sessions, before dates, intervals, holidays and closures remove any): no occurrence
 *     overlaps a person's weekly windows unless this does;
 *   - active_days: from the first day the listing can occur on to the last (schedule validity,
 *     one-off sessions): none of its occurrences falls outside;
 *   - needs_folded: its tags, tasks, description and the host's open needs, folded, for strengths.
 * - resource_online_idx: listings taking part online, so that "near or online" is a BitmapOr of
 *   two indexes; resources_near() runs it where row-level security would forbid the indexes.
 */
export class MatchingAtScale1795700000000 implements MigrationInterface {
  name = 'MatchingAtScale1795700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION resource_occurrences(uuid[], timestamptz, timestamptz)`);
    await q.query(`
      CREATE FUNCTION resource_occurrences(p_resource_ids uuid[], p_from timestamptz, p_to timestamptz,
                                           p_weekdays smallint[] DEFAULT NULL)
      RETURNS TABLE (resource_id uuid, starts_at timestamptz, ends_at timestamptz, schedule_id uuid, session_id uuid)
      LANGUAGE sql STABLE AS $fn$${BODY((id) => `${id} IN (SELECT unnest(p_resource_ids))`, true)}
        UNION ALL${BODY(() => 'p_resource_ids IS NULL', true)}
      $fn$`);

    await q.query(
      `CREATE INDEX "resource_online_idx" ON "resource" ("municipality_id") WHERE online_participation OR online_only`,
    );
    // Under row-level security the planner may not use an index for a condition that is not
    // leakproof (PostGIS marks none), so "near or online" scanned every row of resource. This
    // answers only ids, only of the session's own municipality, for the caller's RLS-checked query.
    await q.query(`
      CREATE FUNCTION resources_near(p_municipality_id uuid, p_lon float8, p_lat float8, p_radius float8)
      RETURNS SETOF uuid LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $fn$
        SELECT id FROM resource
         WHERE municipality_id = p_municipality_id
           AND (app_tenant() IS NULL OR municipality_id = app_tenant())
           AND ((online_participation OR online_only)
                OR ST_DWithin(location, ST_SetSRID(ST_MakePoint(p_lon, p_lat), 4326)::geography, p_radius, false))
      $fn$`);
    await q.query(
      `REVOKE ALL ON FUNCTION resources_near(uuid, float8, float8, float8) FROM PUBLIC`,
    );
    await q.query(
      `GRANT EXECUTE ON FUNCTION resources_near(uuid, float8, float8, float8) TO tsunagu_app`,
    );
    await q.query(
      `ALTER TABLE "resource" ADD "theme_codes" text array NOT NULL DEFAULT '{}', ADD "week_minutes" int4multirange NOT NULL DEFAULT '{}', ADD "active_days" daterange NOT NULL DEFAULT 'empty', ADD "needs_folded" text NOT NULL DEFAULT ''`,
    );
    await q.query(NEEDS_FOLDED);
    await q.query(`
      CREATE FUNCTION resource_matching_refresh(p_ids uuid[]) RETURNS void LANGUAGE sql AS $fn$
        UPDATE resource r SET
          theme_codes = COALESCE((SELECT array_agg(t.theme_code ORDER BY t.theme_code)
                                    FROM resource_theme t WHERE t.resource_id = r.id), '{}'),
          week_minutes = COALESCE((SELECT range_agg(int4range(m.lo, m.hi)) FROM (
              SELECT (d - 1) * 1440 + EXTRACT(EPOCH FROM s.opens_at)::int / 60 AS lo,
                     (d - 1) * 1440 + EXTRACT(EPOCH FROM s.closes_at)::int / 60 AS hi
                FROM resource_schedule s CROSS JOIN LATERAL unnest(s.weekdays) AS d
               WHERE s.resource_id = r.id
              UNION ALL
              SELECT (EXTRACT(ISODOW FROM o.date)::int - 1) * 1440 + EXTRACT(EPOCH FROM o.opens_at)::int / 60,
                     (EXTRACT(ISODOW FROM o.date)::int - 1) * 1440 + EXTRACT(EPOCH FROM o.closes_at)::int / 60
                FROM resource_session o WHERE o.resource_id = r.id) m), '{}'),
          active_days = COALESCE((SELECT range_merge(range_agg(d.days)) FROM (
              SELECT daterange(s.valid_from, s.valid_to, '[]') AS days
                FROM resource_schedule s WHERE s.resource_id = r.id
              UNION ALL
              SELECT daterange(o.date, o.date, '[]') FROM resource_session o WHERE o.resource_id = r.id) d), 'empty'),
          needs_folded = resource_needs_folded(r.id, r.organization_id, r.tags, r.details, r.description)
         WHERE r.id = ANY (p_ids)
      $fn$`);
    // A resource's own words: folded as they are written.
    await q.query(`
      CREATE FUNCTION resource_needs_fold() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        NEW.needs_folded := resource_needs_folded(NEW.id, NEW.organization_id, NEW.tags, NEW.details, NEW.description);
        RETURN NEW;
      END $fn$`);
    await q.query(`
      CREATE TRIGGER resource_needs_fold BEFORE INSERT OR UPDATE OF tags, details, description, organization_id
      ON "resource" FOR EACH ROW EXECUTE FUNCTION resource_needs_fold()`);
    // Themes, schedules and sessions: the resources they belong to, once per statement.
    await q.query(`
      CREATE FUNCTION resource_child_changed() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        IF TG_OP = 'UPDATE' THEN
          PERFORM resource_matching_refresh(ARRAY(SELECT resource_id FROM changed UNION SELECT resource_id FROM gone));
        ELSE
          PERFORM resource_matching_refresh(ARRAY(SELECT DISTINCT resource_id FROM changed));
        END IF;
        RETURN NULL;
      END $fn$`);
    // Open needs of a host: every resource of the organisation.
    await q.query(`
      CREATE FUNCTION host_need_changed() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        IF TG_OP = 'UPDATE' THEN
          PERFORM resource_matching_refresh(ARRAY(
            SELECT r.id FROM resource r
             WHERE r.organization_id IN (SELECT organization_id FROM changed UNION SELECT organization_id FROM gone)));
        ELSE
          PERFORM resource_matching_refresh(ARRAY(
            SELECT r.id FROM resource r WHERE r.organization_id IN (SELECT organization_id FROM changed)));
        END IF;
        RETURN NULL;
      END $fn$`);
    for (const [table, fn] of CHILD_TRIGGERS) {
      await q.query(
        `CREATE TRIGGER ${table}_inserted AFTER INSERT ON "${table}" REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()`,
      );
      await q.query(
        `CREATE TRIGGER ${table}_updated AFTER UPDATE ON "${table}" REFERENCING OLD TABLE AS gone NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()`,
      );
      await q.query(
        `CREATE TRIGGER ${table}_deleted AFTER DELETE ON "${table}" REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()`,
      );
    }
    await q.query(`SELECT resource_matching_refresh(ARRAY(SELECT id FROM resource))`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const [table] of CHILD_TRIGGERS)
      for (const event of ['inserted', 'updated', 'deleted'])
        await q.query(`DROP TRIGGER ${table}_${event} ON "${table}"`);
    await q.query(`DROP TRIGGER resource_needs_fold ON "resource"`);
    await q.query(`DROP FUNCTION host_need_changed()`);
    await q.query(`DROP FUNCTION resource_child_changed()`);
    await q.query(`DROP FUNCTION resource_needs_fold()`);
    await q.query(`DROP FUNCTION resource_matching_refresh(uuid[])`);
    await q.query(`DROP FUNCTION resource_needs_folded(uuid, uuid, text[], jsonb, text)`);
    await q.query(
      `ALTER TABLE "resource" DROP COLUMN "needs_folded", DROP COLUMN "active_days", DROP COLUMN "week_minutes", DROP COLUMN "theme_codes"`,
    );
    await q.query(`DROP FUNCTION resources_near(uuid, float8, float8, float8)`);
    await q.query(`DROP INDEX "resource_online_idx"`);
    await q.query(
      `DROP FUNCTION resource_occurrences(uuid[], timestamptz, timestamptz, smallint[])`,
    );
    await q.query(`
      CREATE FUNCTION resource_occurrences(p_resource_ids uuid[], p_from timestamptz, p_to timestamptz)
      RETURNS TABLE (resource_id uuid, starts_at timestamptz, ends_at timestamptz, schedule_id uuid, session_id uuid)
      LANGUAGE sql STABLE AS $fn$${BODY((id) => `(p_resource_ids IS NULL OR ${id} = ANY (p_resource_ids))`, false)}
      $fn$`);
  }
}

const CHILD_TRIGGERS = [
  ['resource_theme', 'resource_child_changed'],
  ['resource_schedule', 'resource_child_changed'],
  ['resource_session', 'resource_child_changed'],
  ['host_need', 'host_need_changed'],
] as const;
