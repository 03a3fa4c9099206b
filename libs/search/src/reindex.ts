import type { AppConfig } from '@app/common';
import type { DataSource } from 'typeorm';
import { BuiltinIndex } from './builtin/builtin-index';
import { SearchDocumentSource } from './document/search-document';
import { MeiliSearchEngine } from './meili/meili-engine';
import { SearchOutbox } from './outbox/search-outbox';

const BATCH = 1000;

export interface ReindexSummary {
  builtin: number;
  meilisearch: number | null;
  seconds: number;
}

/**
 * Rebuilds the search indexes from the database: the built-in one always, Meilisearch too when it
 * is the configured engine (its index is emptied first, and changes queued before are settled).
 */
export async function reindexSearch(
  dataSource: DataSource,
  config: AppConfig,
  progress: (done: number, total: number) => void = () => {},
): Promise<ReindexSummary> {
  const started = new Date();
  const source = new SearchDocumentSource();
  const builtin = new BuiltinIndex(source);
  const meili =
    config.search.engine === 'meilisearch' ? new MeiliSearchEngine(config, dataSource) : null;
  if (meili) await meili.clear();
  const ids = (await dataSource.query<{ id: string }[]>('SELECT id FROM resource ORDER BY id')).map(
    (r) => r.id,
  );
  let meiliCount = 0;
  for (let start = 0; start < ids.length; start += BATCH) {
    const batch = ids.slice(start, start + BATCH);
    const docs = await dataSource.transaction(async (em) => {
      const loaded = await source.load(batch, em);
      await builtin.write(loaded, em);
      return loaded;
    });
    if (meili) {
      await meili.upsert(docs);
      meiliCount += docs.length;
    }
    progress(Math.min(start + BATCH, ids.length), ids.length);
  }
  if (meili) await new SearchOutbox(dataSource).settleBefore(meili.name, started);
  return {
    builtin: ids.length,
    meilisearch: meili ? meiliCount : null,
    seconds: (Date.now() - started.getTime()) / 1000,
  };
}
