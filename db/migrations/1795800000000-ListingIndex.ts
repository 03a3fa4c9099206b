import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Matching screens a municipality's listings in memory (libs/matching listing-index.ts) and keeps
 * that copy current by asking, before each use, for the rows changed since it last looked:
 *
 * - resource.changed_in: the id (xid8, as bigint) of the last transaction that wrote the row,
 *   set by a trigger on every insert and update — including those the MatchingAtScale triggers
 *   make when a theme, schedule, session or host need changes. A reader that saw the database at
 *   a snapshot S has seen every write of a transaction below S's xmin, so it next asks for
 *   changed_in ≥ xmin(S): no commit is missed, however late it lands.
 * - resource_changed_idx serves that question per municipality.
 * - resources_near() and resource_online_idx, which the SQL screen used, go.
 */
export class ListingIndex1795800000000 implements MigrationInterface {
  name = 'ListingIndex1795800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "resource" ADD "changed_in" bigint NOT NULL DEFAULT 0`);
    await q.query(`
      CREATE FUNCTION resource_changed() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        NEW.changed_in := pg_current_xact_id()::text::bigint;
        RETURN NEW;
      END $fn$`);
    await q.query(`
      CREATE TRIGGER resource_changed BEFORE INSERT OR UPDATE ON "resource"
      FOR EACH ROW EXECUTE FUNCTION resource_changed()`);
    await q.query(
      `CREATE INDEX "resource_changed_idx" ON "resource" ("municipality_id", "changed_in")`,
    );
    await q.query(`DROP FUNCTION resources_near(uuid, float8, float8, float8)`);
    await q.query(`DROP INDEX "resource_online_idx"`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX "resource_online_idx" ON "resource" ("municipality_id") WHERE online_participation OR online_only`,
    );
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
    await q.query(`DROP INDEX "resource_changed_idx"`);
    await q.query(`DROP TRIGGER resource_changed ON "resource"`);
    await q.query(`DROP FUNCTION resource_changed()`);
    await q.query(`ALTER TABLE "resource" DROP COLUMN "changed_in"`);
  }
}
