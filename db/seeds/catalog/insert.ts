import {
  ClosureEntity,
  ResourceEntity,
  ResourceThemeEntity,
  ScheduleEntity,
  SessionEntity,
} from '@app/catalog';
import { BuiltinIndex, SearchDocumentSource } from '@app/search';
import type { EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import type { GeneratedResource } from './generate';

/** Inserts generated resources and their children in batches (multi-row INSERTs), and indexes them for search. */
export async function insertResources(
  em: EntityManager,
  generated: GeneratedResource[],
  batchSize = 500,
): Promise<string[]> {
  const ids: string[] = [];
  const index = new BuiltinIndex(new SearchDocumentSource());
  for (let start = 0; start < generated.length; start += batchSize) {
    const batch = generated.slice(start, start + batchSize);
    // TypeORM's deep-partial insert type cannot express geography values; the rows are entity-shaped.
    const rows = batch.map((g) => g.row) as QueryDeepPartialEntity<ResourceEntity>[];
    const result = await em.getRepository(ResourceEntity).insert(rows);
    const batchIds = result.identifiers.map((x) => String(x.id));
    ids.push(...batchIds);
    const children = <T>(pick: (g: GeneratedResource) => T[]) =>
      batch.flatMap((g, i) => pick(g).map((child) => ({ ...child, resourceId: batchIds[i] })));
    const themes = children((g) => g.themes.map((themeCode) => ({ themeCode })));
    const schedules = children((g) => g.schedules);
    const sessions = children((g) => g.sessions);
    const closures = children((g) => g.closures);
    if (themes.length) await em.getRepository(ResourceThemeEntity).insert(themes);
    if (schedules.length) await em.getRepository(ScheduleEntity).insert(schedules);
    if (sessions.length) await em.getRepository(SessionEntity).insert(sessions);
    if (closures.length) await em.getRepository(ClosureEntity).insert(closures);
    await index.refresh(batchIds, em);
  }
  return ids;
}
