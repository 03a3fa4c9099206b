export * from './entity.repository';
export * from './tenant-scope';
export * from './like';
export * from './platform';
