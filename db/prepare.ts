import { syncHolidays } from '@app/catalog';
import { AppConfig, FieldCipher } from '@app/common';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { isDatabaseEmpty, seedDemo } from './seeds/demo';
import { DemoAccount, seedDemoAccounts } from './seeds/demo/accounts';

export interface Prepared {
  migrated: string[];
  /** A one-line summary of the demo data seeded, or null when none was. */
  seeded: string | null;
  /** The demo sign-ins (never in production): made at seeding, kept in DATA_DIR. */
  demoAccounts: DemoAccount[];
  /** The login is a superuser: row-level security holds only while requests keep their role. */
  superuser: boolean;
}

/** At start-up: apply pending migrations (unless turned off), then seed the demo when empty. */
export async function prepareDatabase(
  dataSource: DataSource,
  config: Pick<AppConfig, 'migrateOnStart' | 'demoSeed' | 'production' | 'dataDir' | 'secrets'>,
  embedded: boolean,
): Promise<Prepared> {
  const migrated = config.migrateOnStart
    ? await withMigrationLock(dataSource, embedded, async () =>
        (await dataSource.runMigrations({ transaction: 'each' })).map((m) => m.name),
      )
    : [];
  await syncHolidays(dataSource);
  const [{ superuser }] = await dataSource.query<{ superuser: boolean }[]>(
    'SELECT rolsuper AS superuser FROM pg_roles WHERE rolname = current_user',
  );
  const file = join(config.dataDir, 'demo-accounts.json');
  const kept = (): DemoAccount[] =>
    !config.production && existsSync(file)
      ? (JSON.parse(readFileSync(file, 'utf8')) as DemoAccount[])
      : [];
  if (!config.demoSeed || !(await isDatabaseEmpty(dataSource)))
    return { migrated, seeded: null, demoAccounts: kept(), superuser };
  const summary = await seedDemo(dataSource);
  const accounts = await seedDemoAccounts(
    dataSource,
    summary.municipalityId,
    new FieldCipher(config.secrets),
  );
  if (accounts.length && !config.production) {
    writeFileSync(file, JSON.stringify(accounts, null, 2), { mode: 0o600 });
    chmodSync(file, 0o600);
  }
  return {
    migrated,
    seeded: `${summary.municipality} — ${summary.areas} areas, ${summary.organizations} organisations, ${summary.resources} resources, ${accounts.length} demo users`,
    demoAccounts: config.production ? [] : accounts,
    superuser,
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
