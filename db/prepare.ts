import { syncHolidays } from '@app/catalog';
import type { AppConfig } from '@app/common';
import type { DataSource } from 'typeorm';
import { isDatabaseEmpty, seedDemo } from './seeds/demo';

export interface Prepared {
  migrated: string[];
  /** A one-line summary of the demo data seeded, or null when none was. */
  seeded: string | null;
}

/** At start-up: apply pending migrations (unless turned off), then seed the demo when empty. */
export async function prepareDatabase(
  dataSource: DataSource,
  config: Pick<AppConfig, 'migrateOnStart' | 'demoSeed'>,
  embedded: boolean,
): Promise<Prepared> {
  const migrated = config.migrateOnStart
    ? await withMigrationLock(dataSource, embedded, async () =>
        (await dataSource.runMigrations({ transaction: 'each' })).map((m) => m.name),
      )
    : [];
  await syncHolidays(dataSource);
  if (!config.demoSeed || !(await isDatabaseEmpty(dataSource))) return { migrated, seeded: null };
  const summary = await seedDemo(dataSource);
  return {
    migrated,
    seeded: `${summary.municipality} — ${summary.areas} areas, ${summary.organizations} organisations, ${summary.resources} resources`,
  };
}

/** Any number stable across releases; names the advisory lock that migrations take. */
const MIGRATION_LOCK = 7_221_001;

/**
 * Several api replicas starting at once must not migrate at the same time: on a server, the
 * first takes a session advisory lock and the others wait for it. The embedded database has one
 * process and one connection, so it needs none (and a held connection would block the migration).
 */
async function withMigrationLock<T>(
  dataSource: DataSource,
  embedded: boolean,
  fn: () => Promise<T>,
): Promise<T> {
  if (embedded) return fn();
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    return await fn();
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await runner.release();
  }
}
