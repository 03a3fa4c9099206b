export * from './store/search.entities';
export * from './search.module';
export * from './search-indexer';
export * from './outbox/search-outbox';
export * from './outbox/outbox-relay';
export * from './meili/meili-engine';
export * from './builtin/builtin-index';
export * from './document/search-document';
