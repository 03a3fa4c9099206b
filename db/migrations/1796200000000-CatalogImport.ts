import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Catalogue import: links from imported rows to listings (with the cells last imported, to tell a
 * host's edit from the file's change), saved column mappings, and on each listing the schedule as
 * the list wrote it and what its host is asked to confirm.
 */
export class CatalogImport1796200000000 implements MigrationInterface {
  name = 'CatalogImport1796200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "resource" ADD "schedule_text" text`);
    await q.query(`ALTER TABLE "resource" ADD "to_confirm" text array NOT NULL DEFAULT '{}'`);
    await q.query(
      `CREATE TABLE "import_link" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "municipality_id" uuid NOT NULL, "resource_id" uuid NOT NULL, "external_key" text NOT NULL, "external_id" text, "file_cells" jsonb NOT NULL, "stored_cells" jsonb NOT NULL, "imported_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "import_link_pkey" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE UNIQUE INDEX "import_link_resource_key" ON "import_link"  ("resource_id") `);
    await q.query(
      `CREATE UNIQUE INDEX "import_link_key_key" ON "import_link"  ("municipality_id", "external_key") `,
    );
    await q.query(
      `CREATE TABLE "import_mapping" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "municipality_id" uuid NOT NULL, "name" text NOT NULL, "columns" jsonb NOT NULL, "default_kind" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "import_mapping_pkey" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE UNIQUE INDEX "import_mapping_name_key" ON "import_mapping"  ("municipality_id", "name") `,
    );
    await q.query(
      `ALTER TABLE "import_link" ADD CONSTRAINT "import_link_municipality_fk" FOREIGN KEY ("municipality_id") REFERENCES "municipality"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "import_link" ADD CONSTRAINT "import_link_resource_fk" FOREIGN KEY ("resource_id") REFERENCES "resource"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "import_mapping" ADD CONSTRAINT "import_mapping_municipality_fk" FOREIGN KEY ("municipality_id") REFERENCES "municipality"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    for (const table of ['import_link', 'import_mapping']) {
      await q.query(`ALTER TABLE "${table}" ENABLE ROW LEVEL SECURITY`);
      await q.query(`ALTER TABLE "${table}" FORCE ROW LEVEL SECURITY`);
      await q.query(
        `CREATE POLICY ${table}_tenant ON "${table}" USING (municipality_id = app_tenant()) WITH CHECK (municipality_id = app_tenant())`,
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "import_mapping"`);
    await q.query(`DROP TABLE "import_link"`);
    await q.query(`ALTER TABLE "resource" DROP COLUMN "to_confirm"`);
    await q.query(`ALTER TABLE "resource" DROP COLUMN "schedule_text"`);
  }
}
