import { areaAndInsideSql } from '@app/municipality';
import { APP_CONFIG, AppConfig, Change, ChangeFeed } from '@app/common';
import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { BuiltinIndex } from './builtin/builtin-index';
import { SearchOutbox } from './outbox/search-outbox';

/**
 * Keeps the indexes in step with the catalogue. The built-in index is part of the database, so
 * it is rewritten in the write's own transaction (a search right after a write sees it); an
 * external engine gets an outbox row in that same transaction, applied later by the relay.
 */
@Injectable()
export class SearchIndexer implements OnModuleInit {
  constructor(
    private readonly changes: ChangeFeed,
    private readonly builtin: BuiltinIndex,
    private readonly outbox: SearchOutbox,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.changes.subscribe((change, em) => this.apply(change, em));
  }

  async apply(change: Change, em: EntityManager): Promise<void> {
    const ids = await this.affectedResources(change, em);
    if (!ids.length) return;
    await this.builtin.refresh(ids, em);
    if (this.config.search.engine === 'meilisearch')
      await this.outbox.enqueue('meilisearch', ids, em);
  }

  private async affectedResources(change: Change, em: EntityManager): Promise<string[]> {
    const ids = new Set(change.resourceIds ?? []);
    if (change.organizationIds?.length) {
      const rows: { id: string }[] = await em.query(
        'SELECT id FROM resource WHERE organization_id = ANY($1::uuid[])',
        [change.organizationIds],
      );
      rows.forEach((r) => ids.add(r.id));
    }
    for (const areaId of change.areaIds ?? []) {
      const rows: { id: string }[] = await em.query(
        `SELECT id FROM resource WHERE area_id IN (${areaAndInsideSql('$1')})`,
        [areaId],
      );
      rows.forEach((r) => ids.add(r.id));
    }
    return [...ids];
  }
}
