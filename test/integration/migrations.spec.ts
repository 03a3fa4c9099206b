import { loadConfig } from '@app/common';
import { schemaDrift } from '@db/schema-check';
import { pendingMigrations } from '@db/migration-status';
import { prepareDatabase } from '@db/prepare';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { connect, ScratchDatabase, scratchDatabase, testDatabase } from '../support/test-database';

async function userTables(ds: DataSource): Promise<string[]> {
  const rows = await ds.query<{ name: string }[]>(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm')
        AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype = 'e')
      ORDER BY 1`,
  );
  return rows.map((r) => r.name);
}

async function userTypes(ds: DataSource): Promise<string[]> {
  const rows = await ds.query<{ name: string }[]>(
    `SELECT t.typname AS name FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
      WHERE n.nspname = 'public' AND t.typtype = 'e' ORDER BY 1`,
  );
  return rows.map((r) => r.name);
}

async function hasPostgis(ds: DataSource): Promise<boolean> {
  const rows = await ds.query(`SELECT 1 FROM pg_extension WHERE extname = 'postgis'`);
  return rows.length === 1;
}

describe('migrations, on an empty database', () => {
  let db: ScratchDatabase;
  let ds: DataSource;

  beforeAll(async () => {
    db = await scratchDatabase();
    ds = await connect(db);
  });

  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  it('apply from empty, create PostGIS, and leave the schema exactly as the entities describe it', async () => {
    expect(await hasPostgis(ds)).toBe(false);
    expect(await pendingMigrations(ds)).toHaveLength(ds.migrations.length);

    await ds.runMigrations({ transaction: 'each' });

    expect(await pendingMigrations(ds)).toEqual([]);
    expect(await hasPostgis(ds)).toBe(true);
    expect(await userTables(ds)).toEqual(
      expect.arrayContaining(['area', 'municipality', 'organization', 'schema_migrations']),
    );
    expect(await schemaDrift(ds)).toEqual([]);
  });

  it('revert fully, leaving no table, type or extension of ours, and apply again', async () => {
    for (let i = 0; i < ds.migrations.length; i++)
      await ds.undoLastMigration({ transaction: 'each' });

    expect(await userTables(ds)).toEqual(['schema_migrations']);
    expect(await userTypes(ds)).toEqual([]);
    expect(await hasPostgis(ds)).toBe(false);
    expect(await pendingMigrations(ds)).toHaveLength(ds.migrations.length);

    await ds.runMigrations({ transaction: 'each' });
    expect(await schemaDrift(ds)).toEqual([]);
  });

  it('detects drift: a column the entities do not know is reported', async () => {
    await ds.query(`ALTER TABLE organization ADD COLUMN stray text`);
    try {
      expect((await schemaDrift(ds)).join('\n')).toMatch(/stray/);
    } finally {
      await ds.query(`ALTER TABLE organization DROP COLUMN stray`);
    }
  });
});

// One process owns an embedded database, so only a server can have replicas racing to migrate.
(testDatabase().embedded ? describe.skip : describe)(
  'two api processes starting on a fresh server database',
  () => {
    it('migrate it once between them, neither failing', async () => {
      const db = await scratchDatabase();
      const [a, b] = [await connect(db), await connect(db)];
      const dataDir = mkdtempSync(join(tmpdir(), 'tsunagu-migrate-'));
      try {
        const config = {
          migrateOnStart: true,
          demoSeed: false,
          production: false,
          dataDir,
          secrets: loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }).secrets,
        };
        const [ra, rb] = await Promise.all([
          prepareDatabase(a, config, false),
          prepareDatabase(b, config, false),
        ]);
        expect([...ra.migrated, ...rb.migrated].sort()).toEqual(
          a.migrations.map((m) => m.name).sort(),
        );
        expect(await pendingMigrations(a)).toEqual([]);
      } finally {
        await a.destroy();
        await b.destroy();
        await db.drop();
        rmSync(dataDir, { recursive: true, force: true });
      }
    });
  },
);
