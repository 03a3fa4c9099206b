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
): Promise<Prepared> {
  const migrated = config.migrateOnStart
    ? (await dataSource.runMigrations({ transaction: 'each' })).map((m) => m.name)
    : [];
  await syncHolidays(dataSource);
  if (!config.demoSeed || !(await isDatabaseEmpty(dataSource))) return { migrated, seeded: null };
  const summary = await seedDemo(dataSource);
  return {
    migrated,
    seeded: `${summary.municipality} — ${summary.areas} areas, ${summary.organizations} organisations`,
  };
}
