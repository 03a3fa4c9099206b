import { CatalogModule } from '@app/catalog';
import { APP_CONFIG, AppConfig } from '@app/common';
import { MunicipalityModule } from '@app/municipality';
import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { BuiltinSearchEngine } from './builtin/builtin-engine';
import { BuiltinIndex } from './builtin/builtin-index';
import { VocabularyRepository } from './builtin/vocabulary.repository';
import { SearchDocumentSource } from './document/search-document';
import { MeiliSearchEngine } from './meili/meili-engine';
import { OutboxRelay } from './outbox/outbox-relay';
import { SearchOutbox } from './outbox/search-outbox';
import { SearchIndexer } from './search-indexer';
import { SearchResolver } from './search.resolver';
import { SearchService } from './search.service';
import { SearchMissRepository } from './store/search-miss.repository';

/** Search over the catalogue: the built-in PostgreSQL engine, or Meilisearch, behind one port. */
@Module({
  imports: [CatalogModule, MunicipalityModule],
  providers: [
    SearchDocumentSource,
    BuiltinIndex,
    BuiltinSearchEngine,
    VocabularyRepository,
    SearchMissRepository,
    SearchOutbox,
    SearchIndexer,
    OutboxRelay,
    SearchService,
    SearchResolver,
    {
      provide: MeiliSearchEngine,
      inject: [APP_CONFIG, DataSource],
      useFactory: (config: AppConfig, dataSource: DataSource) =>
        config.search.meiliUrl ? new MeiliSearchEngine(config, dataSource) : null,
    },
  ],
  exports: [SearchIndexer, SearchOutbox, OutboxRelay, MeiliSearchEngine, SearchService],
})
export class SearchModule {}
