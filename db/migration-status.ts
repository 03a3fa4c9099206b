import type { DataSource } from 'typeorm';

/** Names of the migrations the code has and the database has not applied yet. */
export async function pendingMigrations(dataSource: DataSource): Promise<string[]> {
  const table = dataSource.options.migrationsTableName ?? 'migrations';
  const [{ exists }] = await dataSource.query<{ exists: boolean }[]>(
    `SELECT to_regclass($1) IS NOT NULL AS exists`,
    [table],
  );
  const applied = new Set<string>(
    exists
      ? (await dataSource.query<{ name: string }[]>(`SELECT name FROM "${table}"`)).map(
          (r) => r.name,
        )
      : [],
  );
  return dataSource.migrations
    .map((m) => m.name ?? m.constructor.name)
    .filter((name) => !applied.has(name));
}
