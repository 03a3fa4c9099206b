import { MigrationInterface, QueryRunner } from 'typeorm';

/** The spine: PostGIS, municipalities (tenants), their area hierarchy and host organisations. */
export class Spine1795379669972 implements MigrationInterface {
  name = 'Spine1795379669972';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS postgis`);

    await q.query(`
      CREATE TABLE "municipality" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "code" character varying(6) NOT NULL,
        "name" text COLLATE "C" NOT NULL,
        "prefecture" text NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "municipality_name_not_blank" CHECK (length(btrim(name)) > 0),
        CONSTRAINT "municipality_code_format" CHECK (code ~ '^[0-9]{6}$'),
        CONSTRAINT "municipality_pkey" PRIMARY KEY ("id")
      )`);
    await q.query(`CREATE UNIQUE INDEX "municipality_code_key" ON "municipality" ("code")`);

    await q.query(
      `CREATE TYPE "public"."area_level" AS ENUM('MUNICIPALITY', 'DAILY_LIFE_AREA', 'DISTRICT')`,
    );
    await q.query(`
      CREATE TABLE "area" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "municipality_id" uuid NOT NULL,
        "parent_id" uuid,
        "level" "public"."area_level" NOT NULL,
        "name" text COLLATE "C" NOT NULL,
        "code" text,
        "boundary" geometry(MultiPolygon,4326) NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "area_parent_level" CHECK ((level = 'MUNICIPALITY') = (parent_id IS NULL)),
        CONSTRAINT "area_name_not_blank" CHECK (length(btrim(name)) > 0),
        CONSTRAINT "area_pkey" PRIMARY KEY ("id")
      )`);
    await q.query(`CREATE INDEX "area_boundary_gist" ON "area" USING gist ("boundary")`);
    await q.query(`CREATE INDEX "area_parent_idx" ON "area" ("parent_id")`);
    await q.query(
      `CREATE INDEX "area_municipality_level_name_idx" ON "area" ("municipality_id", "level", "name", "id")`,
    );

    await q.query(`
      CREATE TYPE "public"."organization_type" AS ENUM('NPO', 'SOCIAL_WELFARE_COUNCIL',
        'SOCIAL_WELFARE_CORPORATION', 'COMPANY', 'SHOP', 'TEMPLE_OR_SHRINE', 'FARM',
        'NEIGHBORHOOD_ASSOCIATION', 'RESIDENTS_GROUP', 'VOLUNTEER_GROUP', 'MEDICAL', 'SCHOOL',
        'GOVERNMENT', 'OTHER')`);
    await q.query(`
      CREATE TABLE "organization" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "municipality_id" uuid NOT NULL,
        "name" text COLLATE "C" NOT NULL,
        "name_kana" text,
        "type" "public"."organization_type" NOT NULL,
        "description" text,
        "phone" text,
        "email" text,
        "website" text,
        "contact_person" text,
        "postal_code" text,
        "address" text,
        "location" geography(Point,4326),
        "area_id" uuid,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "organization_name_not_blank" CHECK (length(btrim(name)) > 0),
        CONSTRAINT "organization_pkey" PRIMARY KEY ("id")
      )`);
    await q.query(
      `CREATE INDEX "organization_location_gist" ON "organization" USING gist ("location")`,
    );
    await q.query(`CREATE INDEX "organization_area_idx" ON "organization" ("area_id")`);
    await q.query(
      `CREATE INDEX "organization_municipality_name_idx" ON "organization" ("municipality_id", "name", "id")`,
    );

    await q.query(
      `ALTER TABLE "area" ADD CONSTRAINT "area_municipality_fk" FOREIGN KEY ("municipality_id") REFERENCES "municipality"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "area" ADD CONSTRAINT "area_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "area"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "organization" ADD CONSTRAINT "organization_municipality_fk" FOREIGN KEY ("municipality_id") REFERENCES "municipality"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "organization" ADD CONSTRAINT "organization_area_fk" FOREIGN KEY ("area_id") REFERENCES "area"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "organization"`);
    await q.query(`DROP TYPE "public"."organization_type"`);
    await q.query(`DROP TABLE "area"`);
    await q.query(`DROP TYPE "public"."area_level"`);
    await q.query(`DROP TABLE "municipality"`);
    await q.query(`DROP EXTENSION IF EXISTS postgis`);
  }
}
