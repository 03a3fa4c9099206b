import { holidays } from '@holiday-jp/holiday_jp';
import type { DataSource } from 'typeorm';

/**
 * Brings the `holiday` table in line with the maintained list of Japanese public holidays
 * (@holiday-jp/holiday_jp: 1970–2050, 振替休日 and 国民の休日 included). Runs at start-up after
 * the migrations, in one transaction, so a new package version's changes (a holiday moved by law)
 * reach the database without a migration.
 */
export async function syncHolidays(dataSource: DataSource): Promise<number> {
  const entries = Object.entries(holidays).map(([date, h]) => [date, h.name] as const);
  const dates = entries.map(([date]) => date);
  const names = entries.map(([, name]) => name);
  await dataSource.transaction(async (em) => {
    await em.query(`DELETE FROM holiday WHERE NOT (date = ANY ($1::date[]))`, [dates]);
    await em.query(
      `INSERT INTO holiday (date, name) SELECT * FROM unnest($1::date[], $2::text[])
       ON CONFLICT (date) DO UPDATE SET name = EXCLUDED.name WHERE holiday.name <> EXCLUDED.name`,
      [dates, names],
    );
  });
  return entries.length;
}
