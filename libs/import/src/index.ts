import { ImportLinkEntity, ImportMappingEntity } from './import.entities';

export * from './import.entities';
export * from './import.module';
export * from './import.service';
export * from './import.resolver';
export * from './catalog-export';
export * from './catalog-sheet';
export * from './schedule-text';
export * from './sheet-reader';

export const IMPORT_ENTITIES = [ImportLinkEntity, ImportMappingEntity];
