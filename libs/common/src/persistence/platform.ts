import type { DataSource } from 'typeorm';
import { RequestContext } from '../context/request-context';

/**
 * Runs `work` once for each municipality, as the platform in that tenant (hourly jobs, the
 * e-mail sender): the application role under row-level security, as a request would be, so a
 * job needs no login that can bypass it. The municipalities themselves are public rows.
 */
export async function inEachMunicipality<T>(
  dataSource: DataSource,
  work: (municipalityId: string) => Promise<T>,
): Promise<T[]> {
  const rows = await RequestContext.outside(() =>
    dataSource.query<{ id: string }[]>(`SELECT id FROM municipality ORDER BY id`),
  );
  const results: T[] = [];
  for (const { id } of rows) results.push(await RequestContext.asPlatformIn(id, () => work(id)));
  return results;
}
